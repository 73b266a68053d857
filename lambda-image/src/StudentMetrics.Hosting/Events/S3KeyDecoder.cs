using System.Net;

namespace StudentMetrics.Hosting.Events;

/// <summary>
/// S3 event notifications carry object keys form-URL-encoded: a space arrives as <c>+</c> and a plus as <c>%2B</c>.
/// Using the key as it came would ask S3 for an object that does not exist.
/// </summary>
public static class S3KeyDecoder
{
    public static string Decode(string encodedKey)
    {
        ArgumentNullException.ThrowIfNull(encodedKey);

        // WebUtility.UrlDecode turns '+' into a space before decoding %XX, which is exactly the form encoding S3 uses.
        return WebUtility.UrlDecode(encodedKey);
    }
}
