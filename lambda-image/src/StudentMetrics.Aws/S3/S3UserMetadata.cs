using Amazon.S3.Model;

namespace StudentMetrics.Aws.S3;

/// <summary>
/// An object's user metadata by its own names: the SDK lists them as the headers they travel in
/// (<c>x-amz-meta-NAME</c>), and everything that reads lineage wants <c>NAME</c>.
/// </summary>
public static class S3UserMetadata
{
    private const string HeaderPrefix = "x-amz-meta-";

    public static Dictionary<string, string> ByName(MetadataCollection metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Keys.ToDictionary(
            name => name.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase) ? name[HeaderPrefix.Length..] : name,
            name => metadata[name],
            StringComparer.Ordinal);
    }
}
