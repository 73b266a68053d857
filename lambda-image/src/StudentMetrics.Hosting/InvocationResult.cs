namespace StudentMetrics.Hosting;

/// <summary>How one invocation went: the function's response, or the exception it failed with.</summary>
internal sealed record InvocationResult(FunctionContext Context, byte[] Response, Exception? Error);
