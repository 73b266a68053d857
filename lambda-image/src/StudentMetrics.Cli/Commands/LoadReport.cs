using StudentMetrics.Database;

namespace StudentMetrics.Cli.Commands;

/// <summary>The line <c>load</c> prints.</summary>
internal static class LoadReport
{
    public static string Format(string key, LoadResult result) => result.Outcome switch
    {
        LoadOutcome.SkippedAlreadyLoaded =>
            $"load: {key}: skipped, this content is already the key's current content (ledger {result.LedgerId})",
        LoadOutcome.SkippedStale =>
            $"load: {key}: skipped, a newer version of the key is loaded (ledger {result.LedgerId})",
        _ =>
            $"load: {key}: {result.RowsInFile} rows: {result.Inserted} inserted, {result.Replaced} replaced, " +
            $"{result.Removed} removed, {result.KeptNewer} kept aside (another file's row wins), {result.Restored} restored (ledger {result.LedgerId})\n" +
            $"load: staged in {result.StagingTime.TotalMilliseconds:F0} ms, merged in {result.MergeTime.TotalMilliseconds:F0} ms",
    };
}
