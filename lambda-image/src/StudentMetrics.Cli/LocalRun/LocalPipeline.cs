using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Npgsql;
using StudentMetrics.Aws;
using StudentMetrics.Aws.S3;
using StudentMetrics.Aws.Sqs;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cleaning.Sources;
using StudentMetrics.Database;
using StudentMetrics.Database.Sources;
using StudentMetrics.Functions;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Load;
using StudentMetrics.Functions.Local;
using StudentMetrics.Functions.Sources;
using StudentMetrics.Hosting.Observability;
using StudentMetrics.Reporting;

namespace StudentMetrics.Cli.LocalRun;

/// <summary>
/// The whole pipeline on a laptop, every stage the real one: migrations, an upload to the raw prefix, the S3 event
/// through SQS to the same <c>clean</c> function Lambda runs, the loader reading the cleaned object from S3, and the
/// dashboard page. Only the loader stands in for Glue; it calls the same SQL merge the Glue job calls. Each part runs
/// with the rights it has in AWS: the upload and the copies as <paramref name="s3"/> (the school, the operator), the
/// clean function and its queue polling as <paramref name="cleanRole"/>, the loader's reads as <paramref name="loadRole"/>.
/// </summary>
internal sealed class LocalPipeline(IAmazonS3 s3, AwsSettings cleanRole, AwsSettings loadRole, NpgsqlDataSource database, TextWriter progressWriter)
{
    private const string FunctionLogFile = "function-log.jsonl";
    private const string DashboardFile = "dashboard.html";

    private readonly PhaseProgress _progress = new(progressWriter);

    public async Task<LocalRunSummary> RunAsync(LocalRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ClearPreviousRun(options.WorkDir);
        var migrations = await _progress.RunAsync("applying migrations", () => new DatabaseMigrator(database, null).MigrateAsync(dryRun: false, cancellationToken)).ConfigureAwait(false);
        var prefix = CleanOutputLayout.SourcePrefix(LocalRunOptions.Source);
        var schools = options.Schools;
        var registry = await _progress.RunAsync(
            $"registering {prefix} in the source registry, permitted {(schools.Count == 0 ? "no new school" : string.Join(", ", schools))} (as 'student-metrics sources add' does), and publishing it",
            () => RegisterAsync(options, prefix, schools, cancellationToken)).ConfigureAwait(false);

        var rawKey = prefix + (options.Feed is null ? "" : options.Feed + "/") + Path.GetFileName(options.File);
        await _progress.RunAsync(
            $"uploading {options.File} to s3://{options.Bucket}/{rawKey}",
            () => s3.PutObjectAsync(new PutObjectRequest { BucketName = options.Bucket, Key = rawKey, FilePath = options.File }, cancellationToken)).ConfigureAwait(false);

        var functionLog = Path.Combine(options.WorkDir, FunctionLogFile);
        var handled = await _progress.RunAsync(
            $"cleaning: the local host hands the queue's S3 events to the '{CleanFunction.Name}' function",
            () => DrainAsync(options.Bucket, options.UploadQueueUrl, functionLog, cancellationToken)).ConfigureAwait(false);

        var report = await ReadReportAsync(options.Bucket, CleanOutputLayout.For(rawKey).Report, cancellationToken).ConfigureAwait(false);
        LoadResult? load = null;
        if (report.Status == FileStatus.Cleaned && report.Outputs.FirstOrDefault(o => o.Kind == OutputKind.Cleaned) is { } cleaned)
        {
            using var loaderS3 = S3ClientFactory.Create(loadRole);
            load = await _progress.RunAsync(
                $"loading s3://{options.Bucket}/{cleaned.Key} into PostgreSQL",
                () => new CleanObjectLoader(loaderS3, new CleanFileLoader(database)).LoadAsync(options.Bucket, cleaned.Key, cancellationToken)).ConfigureAwait(false);
        }
        else if (report.Status == FileStatus.Quarantined)
        {
            await _progress.RunAsync(
                "recording the quarantined file in the ingestion ledger",
                () => new QuarantineRecorder(database).RecordAsync(
                    new LoadSource(rawKey, report.Source.Sha256) { Contract = FeedContracts.Get(report.Dataset) }, report.Reason?.ToString() ?? "quarantined",
                    SchoolIdScan.Read(new LocalRawFile(options.File), FeedContracts.Get(report.Dataset)), cancellationToken)).ConfigureAwait(false);
        }

        var copies = await CopyOutputsAsync(options, report, cancellationToken).ConfigureAwait(false);
        var dashboard = await _progress.RunAsync(
            "drawing the dashboard from the reporting views",
            () => DashboardWriter.WriteAsync(database, Path.Combine(options.WorkDir, DashboardFile), cancellationToken)).ConfigureAwait(false);
        return new LocalRunSummary(options.Bucket, rawKey, migrations, registry.Find(prefix)!, registry.Revision, handled, report, load, copies, functionLog, dashboard);
    }

    private async Task<SourceRegistry> RegisterAsync(LocalRunOptions options, string prefix, IReadOnlyList<string> schools, CancellationToken cancellationToken)
    {
        await new SourceRegistryStore(database).EnsureAsync(prefix, "make run: the local pipeline's uploads", schools, new RegistryActor(LocalRunOptions.Actor), cancellationToken).ConfigureAwait(false);
        return await SourceRegistryPublication.PublishAsync(database, s3, options.Bucket, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> DrainAsync(string bucket, string queueUrl, string functionLog, CancellationToken cancellationToken)
    {
        await using var logFile = new StreamWriter(functionLog, append: false);
        var lines = new JsonLinesOutput(logFile);
        // Lambda's event source mapping polls the queue with the function's role, as this does.
        using var sqs = new SqsClient(cleanRole);
        using var host = new LocalQueueHost(sqs, ProductFunctions.Create(() => cleanRole.WithDataBucket(bucket)), new JsonLog(lines, TimeProvider.System), new EmbeddedMetrics(lines, TimeProvider.System, EmbeddedMetrics.DefaultNamespace));
        var drained = await host.DrainAsync(queueUrl, CleanFunction.Name, cancellationToken).ConfigureAwait(false);
        return drained.MessagesFailed == 0
            ? drained.MessagesSucceeded
            : throw new InvalidOperationException($"the clean function failed on {drained.MessagesFailed} message(s); its log is {functionLog}");
    }

    /// <summary>Each run's copies replace the last run's: none is left to be mistaken for this run's (a clean file beside a quarantine).</summary>
    private static void ClearPreviousRun(string workDir)
    {
        Directory.CreateDirectory(workDir);
        foreach (var name in Enum.GetValues<OutputKind>().Select(OutputKindText.LocalFileName).Append(DashboardFile).Append(FunctionLogFile))
        {
            File.Delete(Path.Combine(workDir, name));
        }
    }

    /// <summary>A local copy of every output the report lists.</summary>
    private async Task<List<(ReportOutput, string)>> CopyOutputsAsync(LocalRunOptions options, CleaningReport report, CancellationToken cancellationToken)
    {
        var copies = new List<(ReportOutput, string)>();
        foreach (var output in report.Outputs)
        {
            var localCopy = Path.Combine(options.WorkDir, OutputKindText.LocalFileName(output.Kind));
            using var response = await s3.GetObjectAsync(options.Bucket, output.Key, cancellationToken).ConfigureAwait(false);
            await response.WriteResponseStreamToFileAsync(localCopy, append: false, cancellationToken).ConfigureAwait(false);
            copies.Add((output, localCopy));
        }

        return copies;
    }

    private async Task<CleaningReport> ReadReportAsync(string bucket, string reportKey, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, reportKey, cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(response.ResponseStream, CleaningReportJsonContext.Default.CleaningReport, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"the report {reportKey} is empty");
    }
}
