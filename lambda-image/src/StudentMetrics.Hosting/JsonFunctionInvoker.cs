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
        // `aws lambda invoke` without --payload sends nothing: that is the empty request.
        var input = JsonSerializer.Deserialize(payload.IsEmpty ? "{}"u8 : payload.Span, request);
        if (input is null)
        {
            throw new FormatException($"The '{name}' function needs a JSON object as its request (an empty one is fine).");
        }

        var output = await function.InvokeAsync(input, context).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(output, result);
    }
}
