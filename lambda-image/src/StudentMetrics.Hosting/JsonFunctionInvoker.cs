using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace StudentMetrics.Hosting;

/// <summary>Binds a direct invocation: the payload is the request, the result is the response.</summary>
internal sealed class JsonFunctionInvoker<TRequest, TResult>(
    string name, JsonTypeInfo<TRequest> request, JsonTypeInfo<TResult> result, IJsonFunction<TRequest, TResult> function) : IFunctionInvoker
{
    public string FunctionName => name;

    public async Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, FunctionContext context)
    {
        var input = payload.IsEmpty ? default : JsonSerializer.Deserialize(payload.Span, request);
        if (input is null)
        {
            throw new FormatException($"The '{name}' function needs a JSON object as its request (an empty object is fine).");
        }

        var output = await function.InvokeAsync(input, context).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(output, result);
    }
}
