namespace StudentMetrics.Database;

/// <summary>The merge's account of one file, as recorded in core.ingestion_ledger.</summary>
/// <param name="LedgerId">The file's entry in core.ingestion_ledger.</param>
/// <param name="RowsInFile">Rows staged from the file (0 when skipped before reading it).</param>
/// <param name="Inserted">Rows for a (student_id, term) not stored before.</param>
/// <param name="Replaced">Stored rows this file replaced: the key's own earlier rows, or older rows of other files.</param>
/// <param name="Removed">Rows an earlier version of the same key held that this version no longer has.</param>
/// <param name="KeptNewer">Rows of this file not stored because a row of another file has a later recorded_on.</param>
public sealed record LoadResult(LoadOutcome Outcome, long LedgerId, long RowsInFile, long Inserted, long Replaced, long Removed, long KeptNewer)
{
    /// <summary>How long reading the file and copying it into staging took (zero when skipped before reading).</summary>
    public TimeSpan StagingTime { get; init; }

    /// <summary>How long core.merge_staged took.</summary>
    public TimeSpan MergeTime { get; init; }
}
