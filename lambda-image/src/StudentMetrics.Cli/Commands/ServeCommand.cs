using StudentMetrics.Aws;
using StudentMetrics.Cli.Arguments;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Local;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics serve --queue URL [--function clean]</c>: a queue-triggered function on a laptop, continuously.</summary>
internal sealed class ServeCommand : ICliCommand
{
    public string Name => "serve";

    public string Summary => "Run a function on an SQS queue's messages locally, as Lambda would, until stopped.";

    public CommandSyntax Syntax { get; } = CommandSyntax.Of(
        "serve",
        new Option("--queue", "URL", "the SQS queue the S3 events arrive on", Required: true),
        new Option("--function", "NAME", $"the function to run (default {CleanFunction.Name})"),
        new Option("--bucket", "NAME", $"the pipeline's data bucket, the only one the clean function works in (default {AwsSettings.DataBucketVariable})"));

    public string Details => $"""
        Polls the queue ({AwsSettings.EndpointVariable} points it at the emulator), hands each batch to the function as the
        SQS event Lambda would build, deletes the messages it handled and leaves its failures for a retry. Ctrl-C stops.
        """;

    public async Task<int> RunAsync(ParsedArguments args, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var aws = AwsSettings.FromEnvironment();
        using var host = new LocalQueueHost(args.Value("--bucket") is { } bucket ? aws.WithDataBucket(bucket) : aws);
        var result = await host.ServeAsync(args.Value("--queue")!, args.Value("--function") ?? CleanFunction.Name, cancellationToken).ConfigureAwait(false);
        await output.Error.WriteLineAsync(
            $"serve: {result.Invocations} invocations, {result.MessagesSucceeded} messages handled, {result.MessagesFailed} failed").ConfigureAwait(false);
        return 0;
    }
}
