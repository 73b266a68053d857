using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using StudentMetrics.Aws.Json;
using StudentMetrics.Aws.Signing;

namespace StudentMetrics.Aws.Sts;

/// <summary>
/// STS AssumeRole over its query API (a signed form POST, an XML answer): what a process needs to act as a role the
/// templates define, without the SDK's STS package (whose credential providers are found by reflection, which native
/// AOT does not keep). Signed with the credentials of <paramref name="settings"/>.
/// </summary>
public sealed class StsClient(AwsSettings settings, HttpMessageHandler? handler = null) : IRoleAssumer, IDisposable
{
    private const string ApiVersion = "2011-06-15";
    private static readonly MediaTypeHeaderValue FormContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

    private readonly HttpClient _http = handler is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(30) } : new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _endpoint = settings.EndpointFor("STS", "sts");

    /// <exception cref="AwsServiceException">STS refused: the role does not exist or the caller may not assume it.</exception>
    public async Task<AssumedRole> AssumeRoleAsync(string roleArn, string sessionName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(roleArn);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionName);
        var body = Encoding.UTF8.GetBytes(
            $"Action=AssumeRole&Version={ApiVersion}&RoleArn={Uri.EscapeDataString(roleArn)}&RoleSessionName={Uri.EscapeDataString(sessionName)}");
        var caller = await settings.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var signedAt = DateTime.UtcNow;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = FormContentType.ToString(),
            ["host"] = _endpoint.IsDefaultPort ? _endpoint.Host : $"{_endpoint.Host}:{_endpoint.Port}",
            [SigV4Signer.DateHeader] = SigV4Signer.FormatDate(signedAt),
        };
        if (caller.UseToken)
        {
            headers[SigV4Signer.SecurityTokenHeader] = caller.Token;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = FormContentType;
        foreach (var (name, value) in headers.Where(h => h.Key is not ("content-type" or "host")))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Headers.TryAddWithoutValidation("Authorization", SigV4Signer.Authorization("POST", _endpoint, headers, body, caller, settings.Region, "sts", signedAt));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var document = ParseOrNull(text);
        if (!response.IsSuccessStatusCode || document is null)
        {
            var code = Element(document, "Code") ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            throw new AwsServiceException(code, response.StatusCode, $"STS AssumeRole of {roleArn} failed: {code}: {Element(document, "Message") ?? response.ReasonPhrase}");
        }

        return new AssumedRole(
            new ImmutableCredentials(Required(document, "AccessKeyId"), Required(document, "SecretAccessKey"), Required(document, "SessionToken")),
            DateTimeOffset.Parse(Required(document, "Expiration"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }

    public void Dispose() => _http.Dispose();

    private static XDocument? ParseOrNull(string text)
    {
        try
        {
            return XDocument.Parse(text);
        }
        catch (System.Xml.XmlException)
        {
            return null; // not XML (a proxy's page): the status code says enough
        }
    }

    private static string? Element(XDocument? document, string localName) =>
        document?.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    private static string Required(XDocument document, string localName) =>
        Element(document, localName) ?? throw new AwsServiceException($"STS AssumeRole answered without {localName}.");
}
