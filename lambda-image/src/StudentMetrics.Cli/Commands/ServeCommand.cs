using StudentMetrics.Functions.Local;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics serve --queue URL [--function clean]</c>: a queue-triggered function on a laptop, continuously.</summary>
internal sealed class ServeCommand : ICliCommand
{
    public string Name => "serve";

    public string Summary => "Run a function on an SQS queue's messages locally, as Lambda would, until stopped.";

    public string Usage => """
        usage: student-metrics serve --queue URL [--function clean]

        Polls the SQS queue at URL (AWS_ENDPOINT_URL points it at the emulator), hands each batch to the function as the
        SQS event Lambda would build, deletes the messages it handled and leaves its failures for a retry. Ctrl-C stops.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        string? queue = null;
        var function = "clean";
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--queue" when i + 1 < args.Count:
                    queue = args[++i];
                    break;
                case "--function" when i + 1 < args.Count:
                    function = args[++i];
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 1;
            }
        }

        if (queue is null)
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 1;
        }

        using var host = new LocalQueueHost();
        var result = await host.ServeAsync(queue, function, cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync(
            $"serve: {result.Invocations} invocations, {result.MessagesSucceeded} messages handled, {result.MessagesFailed} failed").ConfigureAwait(false);
        return 0;
    }
}
