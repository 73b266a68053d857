namespace StudentMetrics.Functions.Clean;

/// <summary>
/// What ties an output to its raw object: the key (null when too long to carry), the content's hash, the version and
/// its upload time and place among the key's versions, the event's sequencer when known, the registry entry it was
/// cleaned under, the cleaner build, and the feed and contract version it was cleaned by. Written and read as metadata
/// by <see cref="LineageMetadata"/>.
/// </summary>
public sealed record Lineage(
    string? RawKey,
    string Sha256,
    string VersionId,
    DateTimeOffset UploadedAt,
    long VersionOrdinal,
    string? Sequencer,
    string Registration,
    string CleanerBuild,
    string Feed,
    string ContractVersion);
