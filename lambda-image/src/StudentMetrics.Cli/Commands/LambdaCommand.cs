using StudentMetrics.Functions;
using StudentMetrics.Hosting.Lambda;
using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics lambda [FUNCTION]</c>: the custom runtime, what the image's <c>bootstrap</c> runs.</summary>
internal sealed class LambdaCommand : ICliCommand
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    public string Name => "lambda";

    public string Summary => "Serve a function through the Lambda Runtime API (what the image runs).";

    public string Usage => $"""
        usage: student-metrics lambda [FUNCTION]

        Serves FUNCTION's invocations from the Lambda Runtime API at ${RuntimeApiVariable}, until the environment stops.
        FUNCTION defaults to ${FunctionSelection.FunctionVariable}, then ${FunctionSelection.HandlerVariable} (the image's CMD).
        Started with no arguments while ${RuntimeApiVariable} is set, student-metrics runs this command.
        Functions: {string.Join(", ", ProductFunctions.Catalog.All.Select(f => $"{f.Name} ({f.Trigger})"))}.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var runtimeApi = Environment.GetEnvironmentVariable(RuntimeApiVariable);
        var function = FunctionSelection.Resolve(args.Count > 0 ? args[0] : null, Environment.GetEnvironmentVariable);
        if (args.Count > 1 || string.IsNullOrEmpty(runtimeApi) || function is null)
        {
            await Console.Error.WriteLineAsync(
                string.IsNullOrEmpty(runtimeApi) ? $"lambda: {RuntimeApiVariable} is not set: this command runs inside Lambda (or against a Runtime API emulator).\n{Usage}"
                : function is null ? $"lambda: no function named: pass one, or set {FunctionSelection.FunctionVariable}.\n{Usage}"
                : Usage).ConfigureAwait(false);
            return 1;
        }

        using var client = new LambdaRuntimeApiClient(runtimeApi);
        var loop = new LambdaRuntimeLoop(client, JsonLog.Console, EmbeddedMetrics.Console, TimeProvider.System);
        return await loop.RunAsync(ProductFunctions.Catalog, function, cancellationToken).ConfigureAwait(false);
    }
}
