using StudentMetrics.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// Lambda starts the image's bootstrap with no arguments: serve the Runtime API then.
var arguments = args.Length == 0 && Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") is { Length: > 0 } ? ["lambda"] : args;
return await CommandLine.RunAsync(arguments, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
