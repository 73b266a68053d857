using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using StudentMetrics.Aws.Signing;

namespace StudentMetrics.Aws.Json;

/// <summary>
/// A SigV4-signed client for the AWS JSON protocols (<c>POST /</c>, the operation in <c>X-Amz-Target</c>), enough for the
/// services whose SDK packages the image does not carry.
/// </summary>
public sealed class AwsJsonClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly AwsSettings _settings;
    private readonly Uri _endpoint;
    private readonly string _signingName;
    private readonly string _targetPrefix;
    private readonly MediaTypeHeaderValue _contentType;

    /// <param name="signingName">The SigV4 service name (<c>secretsmanager</c>, <c>sqs</c>).</param>
    /// <param name="targetPrefix">The <c>X-Amz-Target</c> prefix (<c>secretsmanager</c>, <c>AmazonSQS</c>).</param>
    /// <param name="jsonVersion"><c>1.0</c> or <c>1.1</c>, as the service defines.</param>
    public AwsJsonClient(AwsSettings settings, Uri endpoint, string signingName, string targetPrefix, string jsonVersion, HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _endpoint = endpoint;
        _signingName = signingName;
        _targetPrefix = targetPrefix;
        _contentType = new MediaTypeHeaderValue("application/x-amz-json-" + jsonVersion);
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = TimeSpan.FromSeconds(30);
    }

    public async Task<TResponse> CallAsync<TRequest, TResponse>(
        string operation, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        var responseBody = await SendAsync(operation, body, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(responseBody.Length == 0 ? "{}"u8 : responseBody, responseType)
            ?? throw new AwsServiceException($"{_targetPrefix}.{operation} returned an empty body.");
    }

    public void Dispose() => _http.Dispose();

    private async Task<byte[]> SendAsync(string operation, byte[] body, CancellationToken cancellationToken)
    {
        var credentials = await _settings.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var signedAt = DateTime.UtcNow;
        var target = _targetPrefix + "." + operation;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = _contentType.ToString(),
            ["host"] = _endpoint.IsDefaultPort ? _endpoint.Host : $"{_endpoint.Host}:{_endpoint.Port}",
            [SigV4Signer.DateHeader] = SigV4Signer.FormatDate(signedAt),
            ["x-amz-target"] = target,
        };
        if (credentials.UseToken)
        {
            headers[SigV4Signer.SecurityTokenHeader] = credentials.Token;
        }

        var authorization = SigV4Signer.Authorization("POST", _endpoint, headers, body, credentials, _settings.Region, _signingName, signedAt);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = _contentType;
        foreach (var (name, value) in headers)
        {
            if (name is not ("content-type" or "host"))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return responseBody;
        }

        AwsErrorResponse? error = null;
        try
        {
            error = JsonSerializer.Deserialize(responseBody, AwsJsonErrorContext.Default.AwsErrorResponse);
        }
        catch (JsonException)
        {
            // Not a JSON error body (a proxy, an HTML page): the status code says enough.
        }

        var code = error?.Type is { } type ? type[(type.LastIndexOf('#') + 1)..] : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var message = error?.Message ?? error?.MessageUpper ?? response.ReasonPhrase ?? "";
        throw new AwsServiceException(code, response.StatusCode, $"{target} failed: {code}: {message}");
    }
}
