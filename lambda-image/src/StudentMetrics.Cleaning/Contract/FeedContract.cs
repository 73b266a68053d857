namespace StudentMetrics.Cleaning.Contract;

/// <summary>
/// A feed's contract, read from its file under <c>contracts/</c> (see <see cref="FeedContracts"/>): its columns in
/// output order, the null tokens, the key that identifies a row and the column that decides which duplicate wins,
/// the file-level limits, and the table it loads into. The cleaner enforces whatever contract it is given.
/// </summary>
public sealed record FeedContract
{
    /// <summary>The feed's name: the report's <c>dataset</c>, and the folder (<c>raw/SOURCE/FEED/</c>) that selects it.</summary>
    public required string Dataset { get; init; }

    /// <summary><c>MAJOR.MINOR</c>: a new optional column is a minor version; a renamed or retyped column a major one.</summary>
    public required string Version { get; init; }

    public string Title { get; init; } = "";

    /// <summary>The contract file's name under <c>contracts/</c> (messages name it).</summary>
    public string FileName { get; init; } = "";

    /// <summary>Where a school's data clerk reads the contract (quarantine messages point there).</summary>
    public string Documentation { get; init; } = "docs/feed-contract.md";

    /// <summary>The table the cleaned rows are stored in (schema-qualified); its staging table is <c>TABLE_staging</c>.</summary>
    public required string Table { get; init; }

    /// <summary>The columns in the order the cleaned file holds them.</summary>
    public required IReadOnlyList<ColumnSpec> Columns { get; init; }

    /// <summary>Values (after trimming, case-insensitive) that mean "no value".</summary>
    public required IReadOnlyList<string> NullTokens { get; init; }

    /// <summary>
    /// Columns whose values together identify a row, within a file and across files (the stored table's key). Empty for a
    /// feed without one: each row is then its own, identified by its file and row number.
    /// </summary>
    public IReadOnlyList<string> KeyColumns { get; init; } = [];

    /// <summary>How duplicates within one file are found.</summary>
    public DuplicateRule Duplicates { get; init; } = DuplicateRule.Key;

    /// <summary>Date column deciding which of the rows sharing a key is kept (latest wins, ties go to the later row); none: the later row.</summary>
    public string? RecencyColumn { get; init; }

    /// <summary>
    /// The column holding the school a row belongs to (what a source may send): a row whose school its source may not
    /// send is rejected as <c>COLUMN:not_permitted_for_source</c>. None for a feed without schools.
    /// </summary>
    public string? SchoolColumn { get; init; }

    /// <summary>A field longer than this many characters is rejected as <c>too_long</c>.</summary>
    public int MaxFieldLength { get; init; } = 1000;

    /// <summary>A header with more cells than this quarantines the file.</summary>
    public int MaxColumns { get; init; } = 200;

    /// <summary>A file with more than this share of its data rows rejected is quarantined as a wrong export.</summary>
    public double QuarantineRejectRatio { get; init; } = 0.5;

    /// <summary>Name of the column holding the raw data row number in the cleaned and rejects files.</summary>
    public string SourceRowColumn => "source_row";

    /// <summary>The major version: what a cleaned file's shape is compatible within.</summary>
    public int MajorVersion => int.Parse(Version.AsSpan(0, Version.IndexOf('.') is var dot and >= 0 ? dot : Version.Length), System.Globalization.CultureInfo.InvariantCulture);

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
