using System.Globalization;
using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.Cleaning;

/// <summary>Every reason a file is quarantined, in one place: its code, its sentence, its details.</summary>
public static class QuarantineReasons
{
    public const string EmptyFileCode = "empty_file";
    public const string NoDataRowsCode = "no_data_rows";
    public const string NotTextCode = "not_text";
    public const string RecordTooLargeCode = "record_too_large";
    public const string UnclosedQuoteCode = "unclosed_quote";
    public const string TooManyColumnsCode = "too_many_columns";
    public const string DuplicateColumnCode = "duplicate_column";
    public const string MissingRequiredColumnsCode = "missing_required_columns";
    public const string TooManyRejectedRowsCode = "too_many_rejected_rows";
    public const string SourceNotRegisteredCode = "source_not_registered";
    public const string KeyTooLongCode = "key_too_long";

    public static QuarantineReason EmptyFile() =>
        Reason(EmptyFileCode, "the file has no header row: it is empty or holds only blank lines");

    public static QuarantineReason NoDataRows() =>
        Reason(NoDataRowsCode, "the file has a header but no data rows");

    public static QuarantineReason HoldsNul() =>
        Reason(NotTextCode, "the file holds NUL bytes, so it is not a text export (a spreadsheet saved as .xlsx, or a binary file?)");

    public static QuarantineReason InvalidUtf8AfterBom() =>
        Reason(NotTextCode, "the file starts with a UTF-8 byte-order mark but is not valid UTF-8");

    /// <param name="line">The line (1-based, the header is line 1) where the over-long record starts.</param>
    public static QuarantineReason RecordTooLarge(int limitBytes, long line) =>
        Reason(
            RecordTooLargeCode,
            Invariant($"the record starting on line {line} is longer than {limitBytes / (1024 * 1024)} MB; most often a quote opened there is never closed"),
            ("line", [Invariant($"{line}")]));

    /// <param name="line">The line (1-based, the header is line 1) where the quote that is never closed opened.</param>
    public static QuarantineReason UnclosedQuote(long line) =>
        Reason(
            UnclosedQuoteCode,
            Invariant($"a quote (\") opened on line {line} is never closed, so everything after it would be read as one value; close it or remove it"),
            ("line", [Invariant($"{line}")]));

    public static QuarantineReason TooManyColumns(int cells, int limit) =>
        Reason(TooManyColumnsCode, Invariant($"the header has {cells} cells; at most {limit} are accepted"));

    public static QuarantineReason DuplicateColumn(string firstCell, string secondCell, string column) =>
        Reason(
            DuplicateColumnCode,
            $"header cells '{firstCell}' and '{secondCell}' both map to {column}; keep one of them",
            ("column", [column]),
            ("header_cells", [firstCell, secondCell]));

    /// <summary>Names what is missing, what the header held, and every name each missing column is accepted under.</summary>
    public static QuarantineReason MissingRequiredColumns(FeedContract contract, IReadOnlyList<string> missing, IReadOnlyList<string> headerCells)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(missing);
        ArgumentNullException.ThrowIfNull(headerCells);
        var accepted = missing
            .Select(name => contract.Columns[contract.IndexOf(name)])
            .Select(column => column.Aliases.Count == 0 ? column.Name : $"{column.Name} (or {string.Join(", ", column.Aliases)})")
            .ToList();
        var found = headerCells.Count == 0 ? "nothing" : string.Join(", ", headerCells.Select(cell => $"'{cell}'"));
        return Reason(
            MissingRequiredColumnsCode,
            $"the header has no column for {string.Join(", ", missing)}. It has {found}. " +
            $"Accepted names: {string.Join("; ", accepted)}. The {contract.Dataset} feed contract: {contract.Documentation}",
            ("missing", [.. missing]),
            ("header_cells", [.. headerCells]),
            ("accepted_names", [.. accepted]),
            ("contract", [contract.Documentation]));
    }

    public static QuarantineReason TooManyRejectedRows(long rejected, long read, double ratio) =>
        Reason(
            TooManyRejectedRowsCode,
            Invariant($"{rejected} of {read} data rows rejected, more than {ratio * 100:0.##}% (a wrong export?); the rejected rows and their reasons are kept beside the file"),
            ("rows_rejected", [Invariant($"{rejected}")]),
            ("rows_read", [Invariant($"{read}")]));

    /// <param name="source">The upload's source (the first folder below the raw prefix), or null when it is in no folder.</param>
    /// <param name="prefix">Where uploads go: every source has a folder below it.</param>
    public static QuarantineReason SourceNotRegistered(string? source, string prefix) =>
        source is null
            ? Reason(
                SourceNotRegisteredCode,
                $"the file is not in a source's folder: upload it under {prefix}SOURCE/, where SOURCE is a registered source (a district or school code)",
                ("source", []))
            : Reason(
                SourceNotRegisteredCode,
                $"{prefix}{source}/ is not a registered source, so no school may be loaded from it: register it and the schools it sends " +
                $"('student-metrics sources add {source} --schools ID,ID'), then replay the file",
                ("source", [source]));

    /// <param name="keyBytes">The object key's length in bytes of UTF-8.</param>
    /// <param name="limitBytes">The longest object key the store takes.</param>
    public static QuarantineReason KeyTooLong(int keyBytes, int limitBytes) =>
        Reason(
            KeyTooLongCode,
            Invariant($"the object key is {keyBytes} bytes long (UTF-8): too long to name the file's outputs after it (an object key is at most {limitBytes} bytes, and the key is also kept in the outputs' 2 KB of metadata); upload the file under a shorter name"),
            ("key_bytes", [Invariant($"{keyBytes}")]),
            ("limit_bytes", [Invariant($"{limitBytes}")]));

    private static QuarantineReason Reason(string code, string message, params (string Name, string[] Values)[] details) =>
        new()
        {
            Code = code,
            Message = message,
            Details = details.ToDictionary(d => d.Name, d => (IReadOnlyList<string>)d.Values, StringComparer.Ordinal),
        };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
