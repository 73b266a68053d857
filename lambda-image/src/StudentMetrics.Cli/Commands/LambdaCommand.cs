using StudentMetrics.Cli.Arguments;
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

    public CommandSyntax Syntax { get; } = CommandSyntax.Of(
        "lambda",
        new Operand("FUNCTION", $"the function to serve: {string.Join(", ", ProductFunctions.Catalog.All.Select(f => f.Name))}", Required: false));

    public string Details => $"""
        Serves FUNCTION's invocations from the Lambda Runtime API at ${RuntimeApiVariable}, until the environment stops.
        FUNCTION defaults to ${FunctionSelection.FunctionVariable}, then ${FunctionSelection.HandlerVariable} (the image's CMD).
        Started with no arguments while ${RuntimeApiVariable} is set, student-metrics runs this command.
        Functions: {string.Join(", ", ProductFunctions.Catalog.All.Select(f => $"{f.Name} ({f.Trigger})"))}.
        """;

    public async Task<int> RunAsync(ParsedArguments args, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var runtimeApi = Environment.GetEnvironmentVariable(RuntimeApiVariable);
        if (string.IsNullOrEmpty(runtimeApi))
        {
            await output.Error.WriteLineAsync($"lambda: {RuntimeApiVariable} is not set: this command runs inside Lambda (or against a Runtime API emulator).").ConfigureAwait(false);
            return 1;
        }

        var function = FunctionSelection.Resolve(args.Operand("FUNCTION"), Environment.GetEnvironmentVariable);
        if (function is null)
        {
            await output.Error.WriteLineAsync($"lambda: no function named: pass one, or set {FunctionSelection.FunctionVariable}.").ConfigureAwait(false);
            return 1;
        }

        using var client = new LambdaRuntimeApiClient(runtimeApi);
        var loop = new LambdaRuntimeLoop(client, JsonLog.Console, EmbeddedMetrics.Console, TimeProvider.System);
        return await loop.RunAsync(ProductFunctions.Catalog, function, cancellationToken).ConfigureAwait(false);
    }
}
