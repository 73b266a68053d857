using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.Functions.Clean;

/// <summary>
/// The object metadata that ties every output to the raw object it came from. The loaders (the local one and the
/// Glue job, <c>glue/student_metrics_load.py</c>, which a test holds to these names) read a cleaned object's lineage
/// from here, so a cleaned object can be loaded on its own.
/// </summary>
public static class LineageMetadata
{
    /// <summary>The raw object's key.</summary>
    public const string SourceKey = "source-key";

    /// <summary>The SHA-256 of the raw content, lower-case hex: the file's identity.</summary>
    public const string SourceSha256 = "source-sha256";

    /// <summary>The raw object's version the outputs were made from.</summary>
    public const string SourceVersion = "source-version";

    /// <summary>When that version was uploaded: its S3 Last-Modified, ISO 8601 in UTC.</summary>
    public const string SourceUploadedAt = "source-uploaded-at";

    /// <summary>The version's place among the key's versions (1 for the first upload).</summary>
    public const string SourceVersionOrdinal = "source-version-ordinal";

    /// <summary>The S3 event's sequencer for that version, when the event named it.</summary>
    public const string SourceSequencer = "source-sequencer";

    /// <summary>The build of the cleaner that made them: a report from another build is not reused.</summary>
    public const string CleanerBuild = "cleaner-build";

    /// <summary>The feed whose contract the file was cleaned under, and that contract's version.</summary>
    public const string Feed = "feed";

    public const string ContractVersion = "contract-version";

    public static IReadOnlyDictionary<string, string> Of(string rawKey, string sha256, string version, string cleanerBuild, FeedContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SourceKey] = rawKey,
            [SourceSha256] = sha256,
            [SourceVersion] = version,
            [CleanerBuild] = cleanerBuild,
            [Feed] = contract.Dataset,
            [ContractVersion] = contract.Version,
        };
    }
}
