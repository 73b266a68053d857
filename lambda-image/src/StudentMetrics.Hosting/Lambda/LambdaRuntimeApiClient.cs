using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace StudentMetrics.Hosting.Lambda;

/// <summary>The Runtime API over HTTP, at <c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/</c>.</summary>
public sealed class LambdaRuntimeApiClient : ILambdaRuntimeClient, IDisposable
{
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;

    /// <param name="runtimeApi">The <c>host:port</c> in <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    public LambdaRuntimeApiClient(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeApi);

        // `next` is a long poll that lasts as long as the environment is idle: no client-side timeout.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<LambdaInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("The Runtime API handed out an invocation without Lambda-Runtime-Aws-Request-Id.");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.UtcNow.AddMinutes(15);
        return new LambdaInvocation
        {
            RequestId = requestId,
            Deadline = deadline,
            InvokedFunctionArn = Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            TraceId = Header(response, "Lambda-Runtime-Trace-Id"),
            ClientContext = Header(response, "Lambda-Runtime-Client-Context"),
            CognitoIdentity = Header(response, "Lambda-Runtime-Cognito-Identity"),
            Payload = payload,
        };
    }

    public async Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(response);
        content.Headers.ContentType = Json;
        await PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var content = ErrorContent(error);
        await PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", content, error.ErrorType, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendInitErrorAsync(LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var content = ErrorContent(error);
        await PostAsync("runtime/init/error", content, error.ErrorType, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private static ByteArrayContent ErrorContent(LambdaError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, LambdaRuntimeJsonContext.Default.LambdaError));
        content.Headers.ContentType = Json;
        return content;
    }

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"The Runtime API refused POST {path}: {(int)response.StatusCode} {body}", null, response.StatusCode);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
