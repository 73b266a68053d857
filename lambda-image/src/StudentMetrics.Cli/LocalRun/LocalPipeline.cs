using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;
using StudentMetrics.Aws.S3;
using StudentMetrics.Aws.Sqs;
using StudentMetrics.Cleaning;
using StudentMetrics.Database;
using StudentMetrics.Functions;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Load;
using StudentMetrics.Functions.Local;
using StudentMetrics.Hosting.Observability;
using StudentMetrics.Reporting;

namespace StudentMetrics.Cli.LocalRun;

/// <summary>
/// The whole pipeline on a laptop, every stage the real one: migrations, an upload to the raw prefix, the S3 event
/// through SQS to the same <c>clean</c> function Lambda runs, the loader reading the cleaned object from S3, and the
/// dashboard page. Only the loader stands in for Glue; it calls the same SQL merge the Glue job calls.
/// </summary>
internal sealed class LocalPipeline(IAmazonS3 s3, SqsClient sqs, NpgsqlDataSource database, TextWriter progress)
{
    public async Task<LocalRunSummary> RunAsync(LocalRunOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.WorkDir);
        progress.WriteLine("run: applying migrations");
        var migrations = await new DatabaseMigrator(database, null).MigrateAsync(dryRun: false, cancellationToken).ConfigureAwait(false);

        progress.WriteLine($"run: setting up s3://{options.Bucket} with raw/ notifications to SQS");
        var queueUrl = await new LocalBucket(s3, sqs).EnsureAsync(options.Bucket, cancellationToken).ConfigureAwait(false);

        var rawKey = FeedKeys.Raw + "local/" + Path.GetFileName(options.File);
        progress.WriteLine($"run: uploading {options.File} to s3://{options.Bucket}/{rawKey}");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = options.Bucket, Key = rawKey, FilePath = options.File }, cancellationToken).ConfigureAwait(false);

        progress.WriteLine($"run: the local host hands the queue's S3 events to the '{CleanFunction.Name}' function");
        var functionLog = Path.Combine(options.WorkDir, "function-log.jsonl");
        int handled;
        await using (var logFile = new StreamWriter(functionLog, append: false))
        {
            var lines = new JsonLinesOutput(logFile);
            using var host = new LocalQueueHost(sqs, ProductFunctions.Catalog, new JsonLog(lines, TimeProvider.System), new EmbeddedMetrics(lines, TimeProvider.System, EmbeddedMetrics.DefaultNamespace));
            var drained = await host.DrainAsync(queueUrl, CleanFunction.Name, cancellationToken).ConfigureAwait(false);
            if (drained.MessagesFailed > 0)
            {
                throw new InvalidOperationException($"the clean function failed on {drained.MessagesFailed} message(s); see {functionLog}");
            }

            handled = drained.MessagesSucceeded;
        }

        var report = await ReadReportAsync(options.Bucket, rawKey, cancellationToken).ConfigureAwait(false);
        LoadResult? load = null;
        if (report.Status == FileStatus.Cleaned)
        {
            progress.WriteLine($"run: loading s3://{options.Bucket}/{FeedKeys.CleanKey(rawKey)} into PostgreSQL");
            load = await new CleanObjectLoader(s3, new CleanFileLoader(database)).LoadAsync(options.Bucket, FeedKeys.CleanKey(rawKey), cancellationToken).ConfigureAwait(false);
        }

        var outputs = new List<(string, string, string)>();
        foreach (var (name, key, file) in OutputsOf(rawKey, report))
        {
            var localCopy = Path.Combine(options.WorkDir, file);
            using var response = await s3.GetObjectAsync(options.Bucket, key, cancellationToken).ConfigureAwait(false);
            await response.WriteResponseStreamToFileAsync(localCopy, append: false, cancellationToken).ConfigureAwait(false);
            outputs.Add((name, $"s3://{options.Bucket}/{key}", localCopy));
        }

        outputs.Add(("function logs", "(JSON lines and EMF metrics, as CloudWatch would get them)", functionLog));
        progress.WriteLine("run: drawing the dashboard from the reporting views");
        var dashboard = await DashboardWriter.WriteAsync(database, Path.Combine(options.WorkDir, "dashboard.html"), cancellationToken).ConfigureAwait(false);
        return new LocalRunSummary(rawKey, migrations, handled, report, load, outputs, dashboard);
    }

    private static IEnumerable<(string Name, string Key, string File)> OutputsOf(string rawKey, CleaningReport report)
    {
        if (report.Status == FileStatus.Cleaned)
        {
            yield return ("cleaned", FeedKeys.CleanKey(rawKey), "clean.csv");
            yield return ("rejects", FeedKeys.RejectsKey(rawKey), "rejects.csv");
        }
        else
        {
            yield return ("quarantined", FeedKeys.QuarantineKey(rawKey), "quarantined.csv");
            if (report.RowsRejected > 0)
            {
                yield return ("rejects", FeedKeys.QuarantineRejectsKey(rawKey), "rejects.csv");
            }
        }

        yield return ("report", FeedKeys.ReportKey(rawKey), "report.json");
    }

    private async Task<CleaningReport> ReadReportAsync(string bucket, string rawKey, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, FeedKeys.ReportKey(rawKey), cancellationToken).ConfigureAwait(false);
        return await System.Text.Json.JsonSerializer.DeserializeAsync(response.ResponseStream, CleaningReportJsonContext.Default.CleaningReport, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"the report for {rawKey} is empty");
    }
}
