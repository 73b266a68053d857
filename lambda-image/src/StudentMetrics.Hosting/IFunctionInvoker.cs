namespace StudentMetrics.Hosting;

/// <summary>One function behind the host: raw event bytes in, raw response bytes out. An exception is an invocation error.</summary>
public interface IFunctionInvoker
{
    string FunctionName { get; }

    Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, FunctionContext context);
}
