using StudentMetrics.Aws.S3;
using StudentMetrics.Aws.Sqs;
using StudentMetrics.Cleaning;
using StudentMetrics.Cli.LocalRun;
using StudentMetrics.Database;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics run FILE</c>: the whole pipeline on the local stack (what <c>make run</c> calls).</summary>
internal sealed class RunCommand : ICliCommand
{
    public string Name => "run";

    public string Summary => "Run the whole pipeline locally on one export: upload, clean, load, dashboard.";

    public string Usage => """
        usage: student-metrics run FILE [--workdir DIR] [--bucket NAME]

        Needs the local stack (make run starts it): STUDENT_METRICS_DB for PostgreSQL, AWS_ENDPOINT_URL for the
        emulator. Applies migrations, uploads FILE to the raw/ prefix, lets the S3 event reach the clean function
        through SQS, loads the cleaned object, and prints where every output is. Copies go to DIR (default .local/run).
        Exit codes: 0 cleaned and loaded, 2 the file was quarantined (the reason is printed), 1 an error.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        string? file = null;
        var workDir = Path.Combine(".local", "run");
        var bucket = "student-metrics-local";
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--workdir" when i + 1 < args.Count:
                    workDir = args[++i];
                    break;
                case "--bucket" when i + 1 < args.Count:
                    bucket = args[++i];
                    break;
                case var value when file is null && !value.StartsWith("--", StringComparison.Ordinal):
                    file = value;
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 1;
            }
        }

        if (file is null || !File.Exists(file))
        {
            await Console.Error.WriteLineAsync(file is null ? Usage : $"run: no such file: {file}").ConfigureAwait(false);
            return 1;
        }

        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL")))
        {
            await Console.Error.WriteLineAsync("run: AWS_ENDPOINT_URL is not set. 'make run' starts the local stack and sets it; 'run' never talks to real AWS.").ConfigureAwait(false);
            return 1;
        }

        using var s3 = S3ClientFactory.Create();
        using var sqs = SqsClient.FromEnvironment();
        await using var database = StudentMetricsDataSource.FromEnvironment();
        var summary = await new LocalPipeline(s3, sqs, database, Console.Error)
            .RunAsync(new LocalRunOptions(Path.GetFullPath(file), Path.GetFullPath(workDir), bucket), cancellationToken).ConfigureAwait(false);
        LocalRunSummaryWriter.Write(summary, Console.Out);
        return summary.Report.Status == FileStatus.Cleaned ? 0 : 2;
    }
}
