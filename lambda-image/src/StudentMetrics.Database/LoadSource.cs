using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.Database;

/// <summary>
/// Where a cleaned file came from: the raw object's key and the SHA-256 (hex) of its content (the file's identity), the
/// feed whose contract it was cleaned under, and which version of the key it is (what orders it among the key's
/// versions: S3's version id, the upload time, the event's sequencer and its ordinal; unknown for a file loaded by hand, which then
/// stands for an upload now).
/// </summary>
public sealed record LoadSource(string ObjectKey, string ContentSha256)
{
    public FeedContract Contract { get; init; } = FeedContracts.Default;

    public string? Version { get; init; }

    public DateTimeOffset? UploadedAt { get; init; }

    public string? Sequencer { get; init; }

    /// <summary>The version's place among the key's versions (1 for the first upload), when known.</summary>
    public long? VersionOrdinal { get; init; }
}
