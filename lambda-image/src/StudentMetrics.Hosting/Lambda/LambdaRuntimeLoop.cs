using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.Hosting.Lambda;

/// <summary>
/// The custom runtime: build the selected function once (Lambda's init phase), then serve invocations one at a time
/// until the environment is shut down. A failing invocation is reported and the loop goes on to the next.
/// </summary>
public sealed class LambdaRuntimeLoop(ILambdaRuntimeClient client, JsonLog log, EmbeddedMetrics metrics, TimeProvider time)
{
    /// <summary>The X-Ray SDKs read the current trace header from this variable, as in Lambda's managed runtimes.</summary>
    public const string TraceEnvironmentVariable = "_X_AMZN_TRACE_ID";

    public TimeSpan SafetyMargin { get; init; } = InvocationDeadline.DefaultSafetyMargin;

    /// <returns>The process exit code: 1 when the function could not start or the Runtime API went away, 0 when stopped.</returns>
    public async Task<int> RunAsync(FunctionCatalog catalog, string functionName, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        IFunctionInvoker invoker;
        try
        {
            invoker = catalog.Get(functionName).CreateInvoker();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.Error("function failed to start", e, LogField.Of("function", functionName));
            var error = LambdaError.From(e);
            if (e is UnknownFunctionException)
            {
                error = new LambdaError { ErrorMessage = error.ErrorMessage, ErrorType = "Runtime.NoSuchHandler", StackTrace = error.StackTrace };
            }

            try
            {
                await client.SendInitErrorAsync(error, stop).ConfigureAwait(false);
            }
            catch (HttpRequestException reportFailure)
            {
                log.Error("init error not reported", reportFailure);
            }

            return 1;
        }

        log.Info("function ready", LogField.Of("function", functionName));
        return await ServeAsync(invoker, stop).ConfigureAwait(false);
    }

    public async Task<int> ServeAsync(IFunctionInvoker invoker, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        while (!stop.IsCancellationRequested)
        {
            LambdaInvocation invocation;
            try
            {
                invocation = await client.GetNextInvocationAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (HttpRequestException e)
            {
                log.Error("runtime api unreachable", e, LogField.Of("function", invoker.FunctionName));
                return 1;
            }

            await InvokeAsync(invoker, invocation, stop).ConfigureAwait(false);
        }

        return 0;
    }

    private async Task InvokeAsync(IFunctionInvoker invoker, LambdaInvocation invocation, CancellationToken stop)
    {
        Environment.SetEnvironmentVariable(TraceEnvironmentVariable, invocation.TraceId);
        var result = await new FunctionInvocation(invoker, log, metrics, time, SafetyMargin)
            .InvokeAsync(invocation.RequestId, invocation.InvokedFunctionArn, invocation.TraceId, invocation.Deadline, invocation.Payload, stop)
            .ConfigureAwait(false);
        await ReportAsync(
            result.Context,
            result.Error is { } error
                ? () => client.SendErrorAsync(invocation.RequestId, LambdaError.From(error), stop)
                : () => client.SendResponseAsync(invocation.RequestId, result.Response, stop)).ConfigureAwait(false);
    }

    private static async Task ReportAsync(FunctionContext context, Func<Task> send)
    {
        try
        {
            await send().ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // Lambda refused the result (too large, or the invocation already timed out): nothing more can be said about it.
            context.Log.Error("result not accepted by the runtime api", e);
        }
    }
}
