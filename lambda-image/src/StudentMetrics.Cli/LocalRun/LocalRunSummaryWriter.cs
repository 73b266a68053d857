using System.Globalization;
using StudentMetrics.Cleaning;
using StudentMetrics.Cli.Commands;
using StudentMetrics.Database;

namespace StudentMetrics.Cli.LocalRun;

/// <summary>The summary a person reads at the end of <c>make run</c>: what each stage did and where every output is.</summary>
internal static class LocalRunSummaryWriter
{
    /// <param name="relativeTo">Local paths are shown relative to this directory (the current one on the command line).</param>
    public static void Write(LocalRunSummary summary, TextWriter output, string relativeTo)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        string Relative(string path) => Path.GetRelativePath(relativeTo, path);

        var report = summary.Report;
        output.WriteLine();
        output.WriteLine("StudentMetrics local run");
        output.WriteLine($"  raw object      {summary.RawKey} ({Bytes(report.Source.SizeBytes)}, sha256 {report.Source.Sha256[..12]}…)");
        output.WriteLine($"  migrations      {MigrationReport.Summary(summary.Migrations)}");
        output.WriteLine($"  source          {summary.Source.Prefix} may send {Schools(summary.Source.Schools)} (registry revision {summary.RegistryRevision}, published for the cleaner)");
        output.WriteLine($"  queue messages  {summary.MessagesHandled} handled by the clean function (S3 sends a test event when notifications are set up)");
        output.WriteLine($"  status          {(report.Status == FileStatus.Cleaned ? "cleaned" : "QUARANTINED: " + report.Reason)}");
        output.WriteLine($"  rows read       {report.RowsRead}   (encoding {report.Encoding}, delimiter '{Printable(report.Delimiter)}')");
        output.WriteLine($"  rows clean      {report.RowsClean}");
        output.WriteLine($"  rows rejected   {report.RowsRejected}");
        foreach (var (reason, count) in report.RejectReasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"      {count,5}  {reason}");
        }

        if (report.UnknownColumns.Count > 0)
        {
            output.WriteLine($"  unknown columns {string.Join(", ", report.UnknownColumns)} (not loaded)");
        }

        output.WriteLine(summary.Load is { } load
            ? $"  rows loaded     {LoadedRows(load)}   ({Describe(load)}; ledger entry {load.LedgerId})"
            : "  rows loaded     0   (a quarantined file loads nothing)");
        output.WriteLine("  outputs");
        foreach (var (written, localCopy) in summary.Outputs)
        {
            output.WriteLine($"    {OutputKindText.Of(written.Kind),-18}s3://{summary.Bucket}/{written.Key}");
            output.WriteLine($"    {"",-18}→ {Relative(localCopy)}");
        }

        output.WriteLine($"    {"function logs",-18}(JSON lines and EMF metrics, as CloudWatch would get them)");
        output.WriteLine($"    {"",-18}→ {Relative(summary.FunctionLog)}");
        if (summary.Dashboard is not null)
        {
            output.WriteLine($"  dashboard       {new Uri(summary.Dashboard).AbsoluteUri}");
        }
    }

    /// <summary>Rows of this file now in core.student_metrics: new ones plus the ones it replaced.</summary>
    public static long LoadedRows(LoadResult load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return load.Inserted + load.Replaced;
    }

    private static string Describe(LoadResult load) => load.Outcome switch
    {
        LoadOutcome.SkippedAlreadyLoaded => "already loaded: this content is in the database, nothing changed",
        LoadOutcome.SkippedStale => "a newer version of this key is loaded: nothing changed",
        _ => $"{load.Inserted} inserted, {load.Replaced} replaced, {load.Removed} removed, {load.KeptNewer} kept because a stored row was newer"
             + (load.Restored > 0 ? $", {load.Restored} of other files restored" : ""),
    };

    private static string Schools(IReadOnlyList<string> schools) => schools.Count switch
    {
        0 => "no school: register some with 'make run SCHOOLS=ID,ID'",
        1 => "school " + schools[0],
        _ => $"{schools.Count} schools: {string.Join(", ", schools)}",
    };

    private static string Printable(string delimiter) => delimiter == "\t" ? "\\t" : delimiter;

    private static string Bytes(long bytes) => bytes < 1024 * 1024
        ? (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB"
        : (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB";
}
