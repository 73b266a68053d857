using StudentMetrics.Hosting;

namespace StudentMetrics.UnitTests.Hosting;

/// <summary>Works until its context says stop, then reports when that was.</summary>
internal sealed class WaitForCancellationFunction(Action<DateTimeOffset> cancelled) : IJsonFunction<Dictionary<string, string>, Dictionary<string, string>>
{
    public async Task<Dictionary<string, string>> InvokeAsync(Dictionary<string, string> request, FunctionContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            cancelled(DateTimeOffset.UtcNow);
        }

        return new Dictionary<string, string> { ["stopped"] = "early" };
    }
}
