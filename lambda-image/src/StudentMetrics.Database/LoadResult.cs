namespace StudentMetrics.Database;

/// <summary>The merge's account of one file, as recorded in core.ingestion_ledger.</summary>
/// <param name="LedgerId">The file's entry in core.ingestion_ledger.</param>
/// <param name="RowsInFile">Rows staged from the file (0 when skipped before reading it).</param>
/// <param name="Inserted">Rows for a key no file held before.</param>
/// <param name="Replaced">Stored rows this file replaced: the key's own earlier rows, or rows of other files it beats (those wait aside).</param>
/// <param name="Removed">Rows an earlier version of the same object key held that this version no longer has.</param>
/// <param name="KeptNewer">Rows of this file that another file's row beats (later recorded_on, or on a tie the later upload): they wait aside.</param>
public sealed record LoadResult(LoadOutcome Outcome, long LedgerId, long RowsInFile, long Inserted, long Replaced, long Removed, long KeptNewer)
{
    /// <summary>How long reading the file and copying it into staging took (zero when skipped before reading).</summary>
    public TimeSpan StagingTime { get; init; }

    /// <summary>Rows of other files that waited aside and were stored again, because this version withdrew the row that beat them.</summary>
    public long Restored { get; init; }

    /// <summary>How long core.merge_staged took.</summary>
    public TimeSpan MergeTime { get; init; }
}
