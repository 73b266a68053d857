using System.Globalization;
using System.Text;

namespace StudentMetrics.Functions.Clean;

/// <summary>
/// The object metadata that ties every output to the raw object version it came from: the one definition of its names
/// and of how values are written. The loaders (the local one and the Glue job, <c>glue/student_metrics_load.py</c>,
/// which a test holds to these names) read a cleaned object's lineage from here, so a cleaned object can be loaded on
/// its own.
/// <para>
/// S3 metadata travels in HTTP headers, which carry ASCII only, and an object key is any UTF-8: every value is
/// percent-encoded as UTF-8 (every byte but <c>A–Z a–z 0–9 - . _ ~ /</c> becomes <c>%XX</c>), and every reader
/// decodes it (in Python: <c>urllib.parse.unquote</c>). A plain ASCII key reads the same encoded or not.
/// </para>
/// </summary>
public static class LineageMetadata
{
    /// <summary>The raw object's key. Left out for a key too long to fit the metadata (its outputs are named by its hash).</summary>
    public const string SourceKey = "source-key";

    /// <summary>The SHA-256 of the raw content, lower-case hex: the content's identity.</summary>
    public const string SourceSha256 = "source-sha256";

    /// <summary>The raw object's version the outputs were made from: S3's version id.</summary>
    public const string SourceVersion = "source-version";

    /// <summary>When that version was uploaded: its S3 Last-Modified, ISO 8601 in UTC (<c>2025-03-15T10:00:00.000Z</c>).</summary>
    public const string SourceUploadedAt = "source-uploaded-at";

    /// <summary>The version's place among the key's versions (1 for the first upload): orders two versions of one key exactly.</summary>
    public const string SourceVersionOrdinal = "source-version-ordinal";

    /// <summary>The S3 event's sequencer for that version, when the event that brought it named it (S3's own order of a key's events).</summary>
    public const string SourceSequencer = "source-sequencer";

    /// <summary>Which entry of the source registry the file was cleaned under (<c>raw/SOURCE/@REVISION</c>, <c>unregistered</c> or <c>none</c>).</summary>
    public const string SourceRegistration = "source-registration";

    /// <summary>The build of the cleaner that made them: outputs from another build are made again when the file is replayed.</summary>
    public const string CleanerBuild = "cleaner-build";

    /// <summary>The feed whose contract the file was cleaned under, and that contract's version.</summary>
    public const string Feed = "feed";

    public const string ContractVersion = "contract-version";

    /// <summary>
    /// The most bytes the values that grow with an object's name may take once encoded (the key, and the registry entry,
    /// which names the key's source): S3 takes 2 KB of user metadata in all, names included, and the other values need
    /// well under 500 bytes.
    /// </summary>
    public const int NameBudgetBytes = 1500;

    private const string UploadTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>True when the raw key and its source's registry entry, encoded, fit in the metadata beside the rest of the lineage.</summary>
    /// <param name="sourcePrefix">The key's source folder (<c>raw/SOURCE/</c>), which the registry entry names; null for none.</param>
    public static bool FitsKey(string rawKey, string? sourcePrefix) =>
        Encode(rawKey).Length + (sourcePrefix is null ? 0 : Encode(sourcePrefix).Length + 24) <= NameBudgetBytes;

    public static IReadOnlyDictionary<string, string> Write(Lineage lineage)
    {
        ArgumentNullException.ThrowIfNull(lineage);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (lineage.RawKey is { } key)
        {
            metadata[SourceKey] = Encode(key);
        }

        metadata[SourceSha256] = lineage.Sha256;
        metadata[SourceVersion] = Encode(lineage.VersionId);
        metadata[SourceUploadedAt] = lineage.UploadedAt.UtcDateTime.ToString(UploadTimeFormat, CultureInfo.InvariantCulture);
        metadata[SourceVersionOrdinal] = lineage.VersionOrdinal.ToString(CultureInfo.InvariantCulture);
        if (lineage.Sequencer is { } sequencer)
        {
            metadata[SourceSequencer] = Encode(sequencer);
        }

        metadata[SourceRegistration] = Encode(lineage.Registration);
        metadata[CleanerBuild] = Encode(lineage.CleanerBuild);
        metadata[Feed] = Encode(lineage.Feed);
        metadata[ContractVersion] = Encode(lineage.ContractVersion);
        return metadata;
    }

    /// <returns>The lineage the metadata holds, or null when it is not an output of this cleaner (a value is missing or malformed).</returns>
    public static Lineage? Read(IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.TryGetValue(SourceSha256, out var sha)
            || !metadata.TryGetValue(SourceVersion, out var version)
            || !metadata.TryGetValue(SourceUploadedAt, out var uploaded)
            || !DateTimeOffset.TryParseExact(uploaded, UploadTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var uploadedAt)
            || !metadata.TryGetValue(SourceVersionOrdinal, out var ordinalText)
            || !long.TryParse(ordinalText, NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            || !metadata.TryGetValue(SourceRegistration, out var registration)
            || !metadata.TryGetValue(CleanerBuild, out var build)
            || !metadata.TryGetValue(Feed, out var feed)
            || !metadata.TryGetValue(ContractVersion, out var contractVersion))
        {
            return null;
        }

        return new Lineage(
            metadata.TryGetValue(SourceKey, out var key) ? Decode(key) : null,
            sha,
            Decode(version),
            uploadedAt,
            ordinal,
            metadata.TryGetValue(SourceSequencer, out var sequencer) ? Decode(sequencer) : null,
            Decode(registration),
            Decode(build),
            Decode(feed),
            Decode(contractVersion));
    }

    /// <summary>A value as a header can carry it: UTF-8, every byte but the unreserved URL characters and '/' as %XX.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~' or (byte)'/')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    public static string Decode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Uri.UnescapeDataString(value);
    }
}
