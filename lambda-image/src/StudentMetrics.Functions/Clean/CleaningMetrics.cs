using StudentMetrics.Cleaning;
using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.Functions.Clean;

/// <summary>The CloudWatch metrics of one processed file: what operators chart and alarm on (quarantines, reject ratio).</summary>
public static class CleaningMetrics
{
    /// <summary>
    /// The Function dimension a file's metrics go under: the function's name, except for the deploy's smoke-test
    /// sample, which is never loaded and so must not count among the cleaned files the cleaned-not-loaded alarm watches.
    /// </summary>
    public static string Dimension(string functionName, string rawKey) =>
        CleanOutputLayout.IsSmokeTest(rawKey) ? functionName + "-smoke-test" : functionName;

    public static Metric[] From(CleaningReport report, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cleaned = report.Status == FileStatus.Cleaned;
        return
        [
            new Metric("FilesCleaned", cleaned ? 1 : 0, MetricUnit.Count),
            new Metric("FilesQuarantined", cleaned ? 0 : 1, MetricUnit.Count),
            new Metric("RowsRead", report.RowsRead, MetricUnit.Count),
            new Metric("RowsClean", report.RowsClean, MetricUnit.Count),
            new Metric("RowsRejected", report.RowsRejected, MetricUnit.Count),
            new Metric("RejectRatio", report.RowsRead == 0 ? 0 : (double)report.RowsRejected / report.RowsRead, MetricUnit.None),
            new Metric("Bytes", report.Source.SizeBytes, MetricUnit.Bytes),
            new Metric("DurationMs", duration.TotalMilliseconds, MetricUnit.Milliseconds),
        ];
    }

    /// <summary>An event for a version the key no longer holds, skipped (a late or out-of-order delivery).</summary>
    public static Metric[] StaleEvent() => [new Metric("StaleEvents", 1, MetricUnit.Count)];

    /// <summary>Cleanings that lost to a newer version or another run and wrote nothing that stands.</summary>
    public static Metric[] StaleCleanings(int count) => [new Metric("StaleCleanings", count, MetricUnit.Count)];
}
