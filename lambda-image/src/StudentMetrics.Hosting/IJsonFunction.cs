namespace StudentMetrics.Hosting;

/// <summary>A function invoked with a JSON request that returns a JSON result.</summary>
public interface IJsonFunction<in TRequest, TResult>
{
    Task<TResult> InvokeAsync(TRequest request, FunctionContext context);
}
