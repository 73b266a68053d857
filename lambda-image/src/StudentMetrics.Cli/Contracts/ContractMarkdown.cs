using System.Globalization;
using System.Text;
using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.Cli.Contracts;

/// <summary>
/// The contract tables of a feed's documentation, written from its contract file, so the page cannot drift from what
/// the cleaner enforces: <c>make contracts</c> writes them, a test fails when a page differs.
/// </summary>
internal static class ContractMarkdown
{
    public const string Begin = "<!-- generated from the contract file by `make contracts`: do not edit by hand -->";
    public const string End = "<!-- end of generated contract tables -->";

    /// <summary>The two tables (header names; columns, types and rules), between the markers.</summary>
    public static string Tables(FeedContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var text = new StringBuilder();
        text.Append(Begin).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"Contract file `contracts/{contract.FileName}`, version {contract.Version}; stored in `{contract.Table}`.\n\n");
        text.Append("| column | also accepted as |\n| --- | --- |\n");
        foreach (var column in contract.Columns)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {column.Name} | {(column.Aliases.Count == 0 ? "" : string.Join(", ", column.Aliases.Select(Code)))} |\n");
        }

        text.Append("\n| column | type | stored as | required | accepted input, normalisation, rule |\n| --- | --- | --- | --- | --- |\n");
        foreach (var column in contract.Columns)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {column.Name} | {TypeOf(column)} | `{column.Storage}` | {(column.Required ? "yes" : "no")} | {Rule(contract, column)} |\n");
        }

        text.Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"Key: {(contract.KeyColumns.Count == 0 ? "none (a row is identified by its file and row number)" : string.Join(", ", contract.KeyColumns.Select(Code)))}. ");
        text.Append(contract.Duplicates == DuplicateRule.Key
            ? $"Duplicates in one file: the same key; the row with the latest {Code(contract.RecencyColumn ?? "row")} is kept (on a tie, the later row). "
            : "Duplicates in one file: rows identical in every column; the later one is kept. ");
        text.Append(CultureInfo.InvariantCulture, $"Null tokens: {string.Join(", ", contract.NullTokens.Select(t => t.Length == 0 ? "empty" : Code(t)))}. ");
        text.Append(CultureInfo.InvariantCulture, $"A file is quarantined when more than {contract.QuarantineRejectRatio * 100:0.##}% of its rows are rejected, or it has more than {contract.MaxColumns} columns; a field over {contract.MaxFieldLength} characters is `too_long`.\n");
        text.Append(End).Append('\n');
        return text.ToString();
    }

    /// <summary>A whole page for a feed whose documentation is nothing but its contract.</summary>
    public static string Page(FeedContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return $"# The `{contract.Dataset}` feed\n\n{contract.Title}\n\nSent as `raw/SOURCE/{contract.Dataset}/FILE`. The shape of a file, rejects, " +
            "quarantine, the report and loading follow [the feed contract](../feed-contract.md); this page is the columns.\n\n" + Tables(contract);
    }

    /// <summary>Replaces the tables between the markers of an existing page.</summary>
    /// <exception cref="InvalidDataException">The page has no markers to replace between.</exception>
    public static string Replace(string page, FeedContract contract)
    {
        ArgumentNullException.ThrowIfNull(page);
        var begin = page.IndexOf(Begin, StringComparison.Ordinal);
        var end = page.IndexOf(End, StringComparison.Ordinal);
        return begin < 0 || end < begin
            ? throw new InvalidDataException("The page has no generated-tables markers.")
            : page[..begin] + Tables(contract) + page[(end + End.Length + 1)..];
    }

    private static string TypeOf(ColumnSpec column) => column.Type switch
    {
        ColumnType.Code => "code",
        ColumnType.Integer => "integer",
        ColumnType.Decimal => $"decimal, {column.Scale} places",
        ColumnType.Term => "term",
        ColumnType.Date => "date",
        _ => "text",
    };

    private static string Rule(FeedContract contract, ColumnSpec column)
    {
        var parts = new List<string>();
        switch (column.Type)
        {
            case ColumnType.Code:
                parts.Add($"upper-cased; 1–{column.MaxLength} characters of `A–Z 0–9 - _`");
                break;
            case ColumnType.Integer or ColumnType.Decimal:
                parts.Add(Bounds(column));
                parts.AddRange(column.Tokens.Select(t => $"{Code(t.Key)} → {Number(t.Value)}"));
                parts.AddRange(column.Prefixes.Select(p => $"`{Capitalised(p)} 9` → 9"));
                if (column.AllowsOrdinalSuffix)
                {
                    parts.Add("`9th` → 9");
                }

                if (column.AllowsPercent)
                {
                    parts.Add("`85%` accepted");
                }

                if (column.AtMost is { } limit)
                {
                    parts.Add($"at most {limit} (else `{column.AtMostCode ?? "exceeds_limit"}`)");
                }

                break;
            case ColumnType.Term:
                parts.Add($"canonical `YYYY-YYYY-P` with P in `{string.Join(' ', column.Periods)}`, the second year one more than the first; `2024-25 {column.Periods[0]}`, `2024/2025 {column.Periods[0].ToLowerInvariant()}` and `2024-2025_{column.Periods[0]}` normalise to `2024-2025-{column.Periods[0]}`");
                break;
            case ColumnType.Date:
                parts.Add("ISO `2025-03-15`; US `3/15/2025`, `03/15/2025`; `15-Mar-2025`; `2025-03-15T10:00:00Z` (date part)");
                if (column.EarliestDate is { } earliest)
                {
                    parts.Add($"not before {earliest:yyyy-MM-dd}");
                }

                if (column.LatestDaysAfterProcessing is { } days)
                {
                    parts.Add($"not after the day of processing plus {Number(days)} day{(days == 1 ? "" : "s")}");
                }

                break;
            default:
                parts.Add(column.Values.Count > 0
                    ? $"one of {string.Join(", ", column.Values.Select(Code))} (any case; written as listed)"
                    : $"up to {column.MaxLength} characters, kept as sent");
                break;
        }

        if (contract.KeyColumns.Contains(column.Name))
        {
            parts.Add("part of the key");
        }

        return string.Join("; ", parts.Where(p => p.Length > 0));
    }

    private static string Bounds(ColumnSpec column) => (column.Min, column.Max) switch
    {
        ({ } min, { } max) => $"{Number(min)} to {Number(max)}",
        ({ } min, null) => $"≥ {Number(min)}",
        (null, { } max) => $"≤ {Number(max)}",
        _ => "",
    };

    private static string Number(decimal value) => value < 0 ? "−" + (-value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    private static string Code(string text) => $"`{text}`";

    private static string Capitalised(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
