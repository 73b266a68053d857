using System.Diagnostics;
using Amazon.S3;
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
[S3ObjectCreatedTrigger(CleanOutputLayout.Raw)]
public sealed class CleanFunction(IAmazonS3 s3, CleanerOptions options) : IS3ObjectFunction
{
    public const string Name = "clean";

    public async Task HandleAsync(S3ObjectReference s3Object, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(s3Object);
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        var raw = await S3RawFile.OpenAsync(s3, s3Object.Bucket, s3Object.Key, context.CancellationToken).ConfigureAwait(false);
        var outcome = await new ObjectCleaner(new S3FeedStore(s3, s3Object.Bucket), options).CleanAsync(raw, context.CancellationToken).ConfigureAwait(false);
        var duration = Stopwatch.GetElapsedTime(started);

        var report = outcome.Report;
        var cleaned = report.Status == FileStatus.Cleaned;
        context.Log.Info(
            outcome.Repeated ? "file already cleaned: event delivered again" : cleaned ? "file cleaned" : "file quarantined",
            LogField.Of("bucket", s3Object.Bucket),
            LogField.Of("key", s3Object.Key),
            LogField.Of("status", cleaned ? "cleaned" : "quarantined"),
            LogField.Of("reason", report.Reason?.ToString()),
            LogField.Of("rowsRead", report.RowsRead),
            LogField.Of("rowsClean", report.RowsClean),
            LogField.Of("rowsRejected", report.RowsRejected),
            LogField.Of("sizeBytes", report.Source.SizeBytes),
            LogField.Of("sha256", report.Source.Sha256),
            LogField.Of("durationMs", duration.TotalMilliseconds));
        if (!outcome.Repeated)
        {
            // A redelivered event is not another file: the metrics count each version once.
            context.Metrics.Write(
                CleaningMetrics.Dimension(context.FunctionName, s3Object.Key),
                CleaningMetrics.From(report, duration),
                [LogField.Of("requestId", context.RequestId), LogField.Of("bucket", s3Object.Bucket), LogField.Of("key", s3Object.Key)]);
        }
    }
}
