using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

/// <summary>The object of an event record. <see cref="Key"/> is as S3 sent it: URL-encoded; use <see cref="DecodedKey"/>.</summary>
public sealed class S3ObjectEntity
{
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("eTag")]
    public string? ETag { get; init; }

    [JsonPropertyName("versionId")]
    public string? VersionId { get; init; }

    [JsonPropertyName("sequencer")]
    public string? Sequencer { get; init; }

    /// <summary>The key as stored in S3.</summary>
    [JsonIgnore]
    public string? DecodedKey => Key is null ? null : S3KeyDecoder.Decode(Key);
}
