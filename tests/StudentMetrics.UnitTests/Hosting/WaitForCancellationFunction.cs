using StudentMetrics.Hosting;

namespace StudentMetrics.UnitTests.Hosting;

/// <summary>Works until its context says stop, then reports when that was, by <paramref name="time"/>.</summary>
internal sealed class WaitForCancellationFunction(TimeProvider time, TaskCompletionSource started, Action<DateTimeOffset> cancelled)
    : IJsonFunction<Dictionary<string, string>, Dictionary<string, string>>
{
    public async Task<Dictionary<string, string>> InvokeAsync(Dictionary<string, string> request, FunctionContext context)
    {
        started.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            cancelled(time.GetUtcNow());
        }

        return new Dictionary<string, string> { ["stopped"] = "early" };
    }
}
