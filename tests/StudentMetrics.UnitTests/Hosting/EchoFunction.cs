using StudentMetrics.Hosting;

namespace StudentMetrics.UnitTests.Hosting;

/// <summary>A direct-invocation function that returns what it saw of its context, and fails when asked to.</summary>
internal sealed class EchoFunction : IJsonFunction<Dictionary<string, string>, Dictionary<string, string>>
{
    public List<FunctionContext> Contexts { get; } = [];

    public Task<Dictionary<string, string>> InvokeAsync(Dictionary<string, string> request, FunctionContext context)
    {
        Contexts.Add(context);
        if (request.TryGetValue("fail", out var message))
        {
            throw new InvalidOperationException(message);
        }

        return Task.FromResult(new Dictionary<string, string>
        {
            ["requestId"] = context.RequestId,
            ["arn"] = context.InvokedFunctionArn ?? "",
            ["trace"] = context.TraceId ?? "",
            ["traceVariable"] = Environment.GetEnvironmentVariable("_X_AMZN_TRACE_ID") ?? "",
        });
    }
}
