using StudentMetrics.Aws;
using StudentMetrics.Aws.S3;
using StudentMetrics.Cleaning;
using StudentMetrics.Cli.Arguments;
using StudentMetrics.Cli.LocalRun;
using StudentMetrics.Database;
using StudentMetrics.Functions.Configuration;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics run FILE</c>: the whole pipeline on the local stack (what <c>make run</c> calls).</summary>
internal sealed class RunCommand : ICliCommand
{
    public string Name => "run";

    public string Summary => "Run the whole pipeline locally on one export: upload, clean, load, dashboard.";

    public CommandSyntax Syntax { get; } = CommandSyntax.Of(
        "run",
        new Operand("FILE", "the export to run through the pipeline"),
        new Option("--workdir", "DIR", "where copies of the outputs, the function logs and the dashboard go (default .local/run)"),
        FeedOption.Declare("the feed the export belongs to: it is uploaded to raw/local/FEED/"),
        new Option("--schools", "ID,ID", "the schools the file may carry: registered for raw/local/ before the upload ('make run' passes the sample's)"));

    public string Details => $"""
        Needs the local stack ('make run' starts it): {DatabaseSettings.ConnectionStringVariable} for PostgreSQL,
        {AwsSettings.EndpointVariable} for the local AWS (it never talks to real AWS), and the bucket, queue and roles the
        stack deployed from ops/cloudformation ({LocalStackSettings.BucketVariable}, ...). Applies migrations, registers the
        source raw/local/ with the schools of --schools (as 'student-metrics sources add' does: audited, as 'make run', and
        published for the cleaner), uploads FILE there, lets the S3 event reach the clean function through SQS, loads the
        cleaned object, and prints where every output is. The clean function runs with the role the pipeline template
        gives it, the loader's reads with the Glue job's role. Each run replaces the copies of the last one in DIR.
        Exit codes: 0 cleaned and loaded, 2 the file was quarantined (the reason is printed), 1 an error.
        """;

    public async Task<int> RunAsync(ParsedArguments args, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var file = args.Operand("FILE")!;
        var workDir = args.Value("--workdir") ?? Path.Combine(".local", "run");
        if ((InputFiles.ProblemWithFile(file, "the export to run") ?? InputFiles.ProblemWithDirectory(workDir, "--workdir")) is { } problem)
        {
            await output.Error.WriteLineAsync($"run: {problem}").ConfigureAwait(false);
            return 1;
        }

        var aws = AwsSettings.FromEnvironment();
        if (aws.EndpointOverride is null)
        {
            await output.Error.WriteLineAsync($"run: {AwsSettings.EndpointVariable} is not set. 'make run' starts the local stack and sets it; 'run' never talks to real AWS.").ConfigureAwait(false);
            return 1;
        }

        var (stack, missing) = LocalStackSettings.FromEnvironment(Environment.GetEnvironmentVariable);
        if (stack is null)
        {
            await output.Error.WriteLineAsync($"run: {missing}").ConfigureAwait(false);
            return 1;
        }

        using var s3 = S3ClientFactory.Create(aws);
        await using var database = await DatabaseConnections.FromEnvironment().OpenAsync(cancellationToken).ConfigureAwait(false);
        var feed = FeedOption.Read(args)?.Dataset;
        var options = new LocalRunOptions(Path.GetFullPath(file), Path.GetFullPath(workDir), stack.Bucket, stack.UploadQueueUrl)
        {
            Feed = feed,
            Schools = SourcesCommand.SchoolIds(args.Value("--schools")),
        };
        var pipeline = new LocalPipeline(s3, aws.AssumingRole(stack.CleanRoleArn, "local-clean"), aws.AssumingRole(stack.LoadRoleArn, "local-load"), database, output.Error);
        var summary = await pipeline.RunAsync(options, cancellationToken).ConfigureAwait(false);
        LocalRunSummaryWriter.Write(summary, output.Out, Environment.CurrentDirectory);
        return summary.Report.Status == FileStatus.Cleaned ? 0 : 2;
    }
}
