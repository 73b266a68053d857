using System.Text.RegularExpressions;

namespace StudentMetrics.Cleaning.Contract;

/// <summary>
/// What makes a contract file usable, checked when it is read: names the cleaner and the database can both use, one
/// column per header name (an alias may not be claimed twice), a key and a recency column that exist, storage types
/// that fit the column's type and bounds.
/// </summary>
public static partial class ContractRules
{
    /// <summary>Names the pipeline adds to every stored row; a contract column may not take one.</summary>
    public static readonly IReadOnlySet<string> ReservedColumns = new HashSet<string>(StringComparer.Ordinal)
    {
        "source_row", "source_key", "source_sha256", "source_version", "source_uploaded_at", "loaded_at",
    };

    /// <returns>Every problem, each a sentence; empty when the contract is usable.</returns>
    public static IReadOnlyList<string> Check(FeedContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var problems = new List<string>();
        void Require(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }

        Require(IdentifierPattern().IsMatch(contract.Dataset), $"feed '{contract.Dataset}' must be lower-case letters, digits and _");
        Require(VersionPattern().IsMatch(contract.Version), $"version '{contract.Version}' must be MAJOR.MINOR, e.g. 1.0");
        Require(TablePattern().IsMatch(contract.Table), $"table '{contract.Table}' must be schema.name in lower case");
        Require(contract.Columns.Count > 0, "a contract needs columns");
        Require(contract.NullTokens.Count > 0, "null_tokens must list at least the empty value");
        Require(contract.QuarantineRejectRatio is > 0 and <= 1, "quarantine_reject_ratio must be more than 0 and at most 1");
        Require(contract.MaxColumns >= contract.Columns.Count, "max_columns must allow at least the contract's columns");

        var headerNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in contract.Columns)
        {
            Require(IdentifierPattern().IsMatch(column.Name), $"column '{column.Name}' must be lower-case letters, digits and _");
            Require(!ReservedColumns.Contains(column.Name), $"column '{column.Name}' is a name the pipeline adds to every row");
            Require(contract.Columns.Count(c => c.Name == column.Name) == 1, $"column '{column.Name}' appears twice");
            foreach (var name in column.Aliases.Prepend(column.Name))
            {
                var normalised = HeaderNames.Normalise(name);
                if (headerNames.TryGetValue(normalised, out var owner) && owner != column.Name)
                {
                    problems.Add($"header name '{name}' of {column.Name} already means {owner}");
                }

                headerNames[normalised] = column.Name;
            }

            CheckColumn(contract, column, problems);
        }

        foreach (var key in contract.KeyColumns)
        {
            var at = contract.IndexOf(key);
            Require(at >= 0 && contract.Columns[at].Required, $"key column '{key}' must be a required column of the contract");
        }

        Require(contract.Duplicates != DuplicateRule.Key || contract.KeyColumns.Count > 0, "duplicates by key need a key (the columns that identify a row)");
        if (contract.RecencyColumn is { } recency)
        {
            var at = contract.IndexOf(recency);
            Require(at >= 0 && contract.Columns[at] is { Type: ColumnType.Date, Required: true }, $"recency column '{recency}' must be a required date column");
        }

        if (contract.SchoolColumn is { } school)
        {
            var at = contract.IndexOf(school);
            Require(at >= 0 && contract.Columns[at] is { Type: ColumnType.Code, Required: true }, $"school column '{school}' must be a required code column");
        }

        return problems;
    }

    private static void CheckColumn(FeedContract contract, ColumnSpec column, List<string> problems)
    {
        ColumnStorage storage;
        try
        {
            storage = ColumnStorage.Parse(column.Storage);
        }
        catch (FormatException e)
        {
            problems.Add($"column {column.Name}: {e.Message}");
            return;
        }

        var fits = column.Type switch
        {
            ColumnType.Code or ColumnType.Term or ColumnType.Text => storage.Kind == StorageKind.Text,
            ColumnType.Integer => storage.Kind is StorageKind.SmallInt or StorageKind.Integer or StorageKind.BigInt,
            ColumnType.Decimal => storage.Kind == StorageKind.Numeric && storage.Scale == column.Scale,
            _ => storage.Kind == StorageKind.Date,
        };
        if (!fits)
        {
            problems.Add($"column {column.Name}: a {column.Type.ToString().ToLowerInvariant()} column cannot be stored as {column.Storage}");
            return;
        }

        if (storage.NumberRange is var (min, max) && ((column.Min ?? min) < min || (column.Max ?? max) > max))
        {
            problems.Add($"column {column.Name}: its bounds do not fit {column.Storage}");
        }

        if (column.Type is ColumnType.Code or ColumnType.Text && column.MaxLength <= 0 && column.Values.Count == 0)
        {
            problems.Add($"column {column.Name}: a {column.Type.ToString().ToLowerInvariant()} column needs max_length (or, for text, its values)");
        }

        if (column.Type == ColumnType.Term && column.Periods.Count == 0)
        {
            problems.Add($"column {column.Name}: a term column needs its periods");
        }

        if (column.AtMost is { } other && contract.IndexOf(other) is var at && (at < 0 || contract.Columns[at].Type != ColumnType.Integer || column.Type != ColumnType.Integer))
        {
            problems.Add($"column {column.Name}: at_most must name another integer column");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex(@"^\d+\.\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TablePattern();
}
