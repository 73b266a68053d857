using System.Diagnostics;
using StudentMetrics.Hosting.Lambda;
using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.Hosting;

/// <summary>
/// One call of a function as Lambda makes it, for the Runtime API loop and the local queue host alike: the context
/// (a cancellation that fires a safety margin before the deadline, a log scoped to the request), the call, and a log
/// line saying how it went. A failure is returned, not thrown: the caller decides what Lambda would do with it.
/// </summary>
internal sealed class FunctionInvocation(IFunctionInvoker invoker, JsonLog log, EmbeddedMetrics metrics, TimeProvider time, TimeSpan safetyMargin)
{
    public async Task<InvocationResult> InvokeAsync(
        string requestId, string? invokedFunctionArn, string? traceId, DateTimeOffset deadline, ReadOnlyMemory<byte> payload, CancellationToken stop)
    {
        using var deadlineSource = InvocationDeadline.CreateTokenSource(deadline, safetyMargin, time);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(deadlineSource.Token, stop);
        var context = new FunctionContext
        {
            FunctionName = invoker.FunctionName,
            RequestId = requestId,
            InvokedFunctionArn = invokedFunctionArn,
            TraceId = traceId,
            Deadline = deadline,
            CancellationToken = cancellation.Token,
            Log = log.For(invoker.FunctionName, requestId),
            Metrics = metrics,
        };

        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await invoker.InvokeAsync(payload, context).ConfigureAwait(false);
            context.Log.Info("invocation succeeded", LogField.Of("durationMs", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            return new InvocationResult(context, response, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Log.Error("invocation failed", e, LogField.Of("durationMs", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            return new InvocationResult(context, [], e);
        }
    }
}
