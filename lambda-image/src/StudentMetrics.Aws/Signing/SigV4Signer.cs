using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace StudentMetrics.Aws.Signing;

/// <summary>
/// Signature Version 4 for hand-built requests. The canonical request is assembled here; the key derivation and the
/// signature come from AWSSDK.Core's <see cref="AWS4Signer"/>, the same code the SDK's own clients sign with.
/// </summary>
public static class SigV4Signer
{
    public const string DateHeader = "x-amz-date";
    public const string SecurityTokenHeader = "x-amz-security-token";

    /// <summary>The <c>X-Amz-Date</c> value for a signing time.</summary>
    public static string FormatDate(DateTime signedAtUtc) => signedAtUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The <c>Authorization</c> header for a request whose headers (including host and x-amz-date) are all to be signed.</summary>
    /// <param name="headers">Every header to sign, by name; <c>host</c> and <c>x-amz-date</c> must be among them.</param>
    public static string Authorization(
        string method, Uri uri, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> payload,
        ImmutableCredentials credentials, string region, string service, DateTime signedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(headers);
        var canonicalHeaders = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: CollapseSpaces(h.Value.Trim())))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', canonicalHeaders.Select(h => h.Name));
        var canonicalRequest = new StringBuilder()
            .Append(method).Append('\n')
            .Append(string.IsNullOrEmpty(uri.AbsolutePath) ? "/" : uri.AbsolutePath).Append('\n')
            .Append(CanonicalQuery(uri.Query)).Append('\n');
        foreach (var (name, value) in canonicalHeaders)
        {
            canonicalRequest.Append(name).Append(':').Append(value).Append('\n');
        }

        canonicalRequest.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(payload)));
        return AWS4Signer.ComputeSignature(credentials, region, signedAtUtc, service, signedHeaders, canonicalRequest.ToString()).ForAuthorizationHeader;
    }

    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return "";
        }

        return string.Join('&', query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Contains('=', StringComparison.Ordinal) ? p : p + "=")
            .Order(StringComparer.Ordinal));
    }

    private static string CollapseSpaces(string value)
    {
        if (!value.Contains("  ", StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
