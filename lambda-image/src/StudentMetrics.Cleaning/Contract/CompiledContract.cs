using System.Text;

namespace StudentMetrics.Cleaning.Contract;

/// <summary>A <see cref="FeedContract"/> ready for the hot loop: compiled columns, null tokens as bytes, and every reject reason numbered.</summary>
internal sealed class CompiledContract
{
    /// <summary>Column-level codes, in the order of their numbers; the column's own cross-column code follows them.</summary>
    public static readonly string[] ColumnCodes = ["missing", "unparseable_number", "unparseable_date", "out_of_range", "invalid_format", "too_long"];

    public const int Missing = 0;
    public const int UnparseableNumber = 1;
    public const int UnparseableDate = 2;
    public const int OutOfRange = 3;
    public const int InvalidFormat = 4;
    public const int TooLong = 5;
    public const int AtMostBroken = 6;

    public const string NotPermittedForSourceCode = "not_permitted_for_source";
    private const int CodesPerColumn = 7;

    /// <summary>Pseudo-column of the codes that concern a whole row.</summary>
    public const string RowColumn = "row";

    private readonly bool[] _nullTokenStarts = new bool[256];
    private readonly int _longestNullToken;

    public CompiledContract(FeedContract contract, DateOnly processingDay)
    {
        Contract = contract;
        Columns = [.. contract.Columns.Select(c => new CompiledColumn(c, contract, processingDay))];
        NullTokens = [.. contract.NullTokens.Select(t => Encoding.UTF8.GetBytes(t.ToUpperInvariant()))];
        _longestNullToken = NullTokens.Max(t => t.Length);
        foreach (var token in NullTokens.Where(t => t.Length > 0))
        {
            _nullTokenStarts[token[0]] = true;
            _nullTokenStarts[char.ToLowerInvariant((char)token[0]) & 0xFF] = true;
        }

        // Identical rows are the same row: every column is part of the in-file key, and a null is a value like any other.
        KeyAllowsNull = contract.Duplicates == DuplicateRule.IdenticalRows;
        KeyColumns = KeyAllowsNull ? [.. Enumerable.Range(0, contract.Columns.Count)] : [.. contract.KeyColumns.Select(IndexOrThrow)];
        RecencyColumn = contract.RecencyColumn is { } recency ? IndexOrThrow(recency) : -1;
        var names = new List<string>();
        foreach (var column in contract.Columns)
        {
            names.AddRange(ColumnCodes.Select(code => $"{column.Name}:{code}"));
            names.Add($"{column.Name}:{column.AtMostCode ?? "exceeds_limit"}");
        }

        WrongFieldCount = names.Count;
        names.Add($"{RowColumn}:wrong_field_count");
        DuplicateKey = names.Count;
        names.Add($"{RowColumn}:duplicate_key");
        PermissionColumn = contract.SchoolColumn is { } school ? IndexOrThrow(school) : -1;
        NotPermittedForSource = names.Count;
        names.Add($"{contract.SchoolColumn ?? RowColumn}:{NotPermittedForSourceCode}");
        ReasonNames = [.. names];
        var longest = 0;
        foreach (var column in Columns)
        {
            // A text value may need quoting: every quote doubled, and the two around it.
            longest += Math.Max(64, column.Type == ColumnType.Text ? (column.MaxLength * 8) + 2 : column.MaxLength) + 1;
        }

        CanonicalRowBytes = longest + 32;

        int IndexOrThrow(string name)
        {
            var at = contract.IndexOf(name);
            return at >= 0 ? at : throw new ArgumentException($"the contract names {name}, which is not one of its columns", nameof(contract));
        }
    }

    public FeedContract Contract { get; }

    public CompiledColumn[] Columns { get; }

    public byte[][] NullTokens { get; }

    /// <summary>The columns that make two rows of one file the same row (see <see cref="DuplicateRule"/>).</summary>
    public int[] KeyColumns { get; }

    /// <summary>A null key value is a value (identical-rows duplicates), not a reason the row has no key.</summary>
    public bool KeyAllowsNull { get; }

    /// <summary>The column that decides which duplicate wins, or -1: the later row.</summary>
    public int RecencyColumn { get; }

    /// <summary>"column:code" for every reason number.</summary>
    public string[] ReasonNames { get; }

    public int WrongFieldCount { get; }

    public int DuplicateKey { get; }

    /// <summary>The column a source must be permitted to send values of, or -1.</summary>
    public int PermissionColumn { get; }

    public int NotPermittedForSource { get; }

    /// <summary>The most bytes a canonical row can take.</summary>
    public int CanonicalRowBytes { get; }

    public static int Reason(int column, int code) => (column * CodesPerColumn) + code;

    public bool IsNull(ReadOnlySpan<byte> trimmed)
    {
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (trimmed.Length > _longestNullToken || !_nullTokenStarts[trimmed[0]])
        {
            return false;
        }

        foreach (var token in NullTokens)
        {
            if (Ascii.EqualsIgnoreCase(trimmed, token))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The reject code of a failed value of a column.</summary>
    public static int CodeOf(ColumnType type, ValueOutcome outcome) => outcome switch
    {
        ValueOutcome.OutOfRange => OutOfRange,
        ValueOutcome.InvalidFormat => InvalidFormat,
        _ => type switch
        {
            ColumnType.Integer or ColumnType.Decimal => UnparseableNumber,
            ColumnType.Date => UnparseableDate,
            _ => InvalidFormat,
        },
    };
}
