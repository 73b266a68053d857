namespace StudentMetrics.Cleaning.Contract;

/// <summary>
/// A feed's contract as data: its columns in output order, the null tokens, the key that identifies a row
/// and the column that decides which duplicate wins, and the file-level limits. The cleaner enforces
/// whatever contract it is given; <see cref="StudentMetricsContract.Version1"/> is the product's.
/// </summary>
public sealed record FeedContract
{
    public required string Dataset { get; init; }

    public required int Version { get; init; }

    /// <summary>The columns in the order the cleaned file holds them.</summary>
    public required IReadOnlyList<ColumnSpec> Columns { get; init; }

    /// <summary>Values (after trimming, case-insensitive) that mean "no value".</summary>
    public required IReadOnlyList<string> NullTokens { get; init; }

    /// <summary>Columns whose values together identify a row within a file.</summary>
    public required IReadOnlyList<string> KeyColumns { get; init; }

    /// <summary>Date column deciding which of the rows sharing a key is kept (latest wins, ties go to the later row).</summary>
    public required string RecencyColumn { get; init; }

    /// <summary>
    /// The column whose value a source must be registered to send (the school): a row whose value its source may not
    /// send is rejected as <c>COLUMN:not_permitted_for_source</c>. Null: the feed has no such column.
    /// </summary>
    public string? SourcePermissionColumn { get; init; }

    /// <summary>A field longer than this many characters is rejected as <c>too_long</c>.</summary>
    public int MaxFieldLength { get; init; } = 1000;

    /// <summary>A header with more cells than this quarantines the file.</summary>
    public int MaxColumns { get; init; } = 200;

    /// <summary>Where a school's data clerk reads the contract (quarantine messages point there).</summary>
    public string Documentation { get; init; } = "docs/feed-contract.md";

    /// <summary>Name of the column holding the raw data row number in the cleaned and rejects files.</summary>
    public string SourceRowColumn { get; init; } = "source_row";

    public int IndexOf(string columnName)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Name == columnName)
            {
                return i;
            }
        }

        return -1;
    }
}
