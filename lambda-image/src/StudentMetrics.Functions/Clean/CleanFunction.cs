using System.Diagnostics;
using Amazon.S3;
using StudentMetrics.Aws.S3;
using StudentMetrics.Cleaning;
using StudentMetrics.Hosting;
using StudentMetrics.Hosting.Events;
using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.Functions.Clean;

/// <summary>
/// Settles each raw object a school uploads (see <see cref="ObjectCleaner"/>): its clean, rejects and report outputs
/// become those of the version the key holds now. Works in one bucket, its own: an event from any other, and a folder
/// marker, are skipped with a log line. A failure (S3 unreachable, no source registry published) fails only that
/// object: through SQS it becomes a batch item failure, directly an invocation error.
/// </summary>
[Function(Name)]
[S3ObjectCreatedTrigger(CleanOutputLayout.Raw)]
public sealed class CleanFunction(IAmazonS3 s3, string bucket, CleanerOptions options) : IS3ObjectFunction
{
    public const string Name = "clean";

    public async Task HandleAsync(S3ObjectReference s3Object, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(s3Object);
        ArgumentNullException.ThrowIfNull(context);
        if (s3Object.Bucket != bucket)
        {
            context.Log.Warn("object skipped: not in the pipeline's bucket", LogField.Of("bucket", s3Object.Bucket), LogField.Of("key", s3Object.Key), LogField.Of("pipelineBucket", bucket));
            return;
        }

        if (CleanOutputLayout.IsFolderMarker(s3Object.Key))
        {
            context.Log.Info("object skipped: a folder marker, not a file", LogField.Of("bucket", s3Object.Bucket), LogField.Of("key", s3Object.Key));
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var registry = await new S3SourceRegistry(s3, bucket, CleanOutputLayout.SourceRegistry).ReadAsync(context.CancellationToken).ConfigureAwait(false);
        var cleaner = new ObjectCleaner(new S3RawObjects(s3, bucket), new S3FeedStore(s3, bucket), options, registry);
        var outcome = await cleaner.SettleAsync(new CleanRequest(s3Object.Key, s3Object.VersionId, s3Object.Sequencer), context.CancellationToken).ConfigureAwait(false);
        var duration = Stopwatch.GetElapsedTime(started);
        LogField[] metricProperties = [LogField.Of("requestId", context.RequestId), LogField.Of("bucket", s3Object.Bucket), LogField.Of("key", s3Object.Key)];
        foreach (var lost in outcome.Superseded)
        {
            context.Log.Warn(
                "stale cleaning: superseded, its outputs not kept",
                LogField.Of("bucket", s3Object.Bucket),
                LogField.Of("key", s3Object.Key),
                LogField.Of("version", lost.VersionId),
                LogField.Of("newerVersion", lost.NewerVersionId),
                LogField.Of("why", lost.Reason));
        }

        if (outcome.Superseded.Count > 0)
        {
            context.Metrics.Write(context.FunctionName, CleaningMetrics.StaleCleanings(outcome.Superseded.Count), metricProperties);
        }

        if (outcome.StaleEventVersionId is { } stale)
        {
            context.Log.Warn(
                "stale event skipped: the version it names is no longer the key's current one",
                LogField.Of("bucket", s3Object.Bucket),
                LogField.Of("key", s3Object.Key),
                LogField.Of("eventVersion", stale),
                LogField.Of("currentVersion", outcome.Version?.VersionId));
            context.Metrics.Write(context.FunctionName, CleaningMetrics.StaleEvent(), metricProperties);
            return;
        }

        var report = outcome.Report!;
        var cleaned = report.Status == FileStatus.Cleaned;
        context.Log.Info(
            outcome.Repeated ? "file already cleaned: event delivered again" : cleaned ? "file cleaned" : "file quarantined",
            LogField.Of("bucket", s3Object.Bucket),
            LogField.Of("key", s3Object.Key),
            LogField.Of("version", outcome.Version?.VersionId),
            LogField.Of("status", cleaned ? "cleaned" : "quarantined"),
            LogField.Of("reason", report.Reason?.ToString()),
            LogField.Of("rowsRead", report.RowsRead),
            LogField.Of("rowsClean", report.RowsClean),
            LogField.Of("rowsRejected", report.RowsRejected),
            LogField.Of("sizeBytes", report.Source.SizeBytes),
            LogField.Of("sha256", report.Source.Sha256),
            LogField.Of("durationMs", duration.TotalMilliseconds));
        if (outcome.Counted)
        {
            // A redelivered event, or outputs made again after another run disturbed them, is not another file: the
            // metrics count each version once (the deploy's smoke-test sample under a dimension of its own).
            context.Metrics.Write(CleaningMetrics.Dimension(context.FunctionName, s3Object.Key), CleaningMetrics.From(report, duration), metricProperties);
        }
    }
}
