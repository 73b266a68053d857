using System.Diagnostics;
using StudentMetrics.Aws.S3;
using StudentMetrics.Cleaning;
using StudentMetrics.Hosting;
using StudentMetrics.Hosting.Events;
using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.Functions.Clean;

/// <summary>
/// Cleans each raw object a school uploads into its clean, rejects and report outputs. A failure (the object is gone,
/// S3 is unreachable) fails only that object: through SQS it becomes a batch item failure, directly an invocation error.
/// </summary>
[Function(Name)]
[S3ObjectCreatedTrigger(FeedKeys.Raw)]
public sealed class CleanFunction(S3ObjectCleaner cleaner) : IS3ObjectFunction
{
    public const string Name = "clean";

    public async Task HandleAsync(S3ObjectReference s3Object, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(s3Object);
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var report = await cleaner.CleanAsync(s3Object.Bucket, s3Object.Key, context.CancellationToken).ConfigureAwait(false);
        var duration = Stopwatch.GetElapsedTime(started);

        var cleaned = report.Status == FileStatus.Cleaned;
        context.Log.Info(
            cleaned ? "file cleaned" : "file quarantined",
            LogField.Of("bucket", s3Object.Bucket),
            LogField.Of("key", s3Object.Key),
            LogField.Of("status", cleaned ? "cleaned" : "quarantined"),
            LogField.Of("reason", report.Reason),
            LogField.Of("rowsRead", report.RowsRead),
            LogField.Of("rowsClean", report.RowsClean),
            LogField.Of("rowsRejected", report.RowsRejected),
            LogField.Of("sizeBytes", report.Source.SizeBytes),
            LogField.Of("sha256", report.Source.Sha256),
            LogField.Of("durationMs", duration.TotalMilliseconds));
        context.Metrics.Write(
            CleaningMetrics.Dimension(context.FunctionName, s3Object.Key),
            CleaningMetrics.From(report, duration),
            [LogField.Of("requestId", context.RequestId), LogField.Of("bucket", s3Object.Bucket), LogField.Of("key", s3Object.Key)]);
    }
}
