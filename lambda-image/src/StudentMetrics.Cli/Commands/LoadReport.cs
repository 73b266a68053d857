using StudentMetrics.Database;

namespace StudentMetrics.Cli.Commands;

/// <summary>The line <c>load</c> prints.</summary>
internal static class LoadReport
{
    public static string Format(string key, LoadResult result) => result.Outcome switch
    {
        LoadOutcome.SkippedAlreadyLoaded =>
            $"load: {key}: skipped, this content was already loaded (ledger {result.LedgerId})",
        _ =>
            $"load: {key}: {result.RowsInFile} rows: {result.Inserted} inserted, {result.Replaced} replaced, " +
            $"{result.Removed} removed, {result.KeptNewer} kept (an existing row was newer) (ledger {result.LedgerId})\n" +
            $"load: staged in {result.StagingTime.TotalMilliseconds:F0} ms, merged in {result.MergeTime.TotalMilliseconds:F0} ms",
    };
}
