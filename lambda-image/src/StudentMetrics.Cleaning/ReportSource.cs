using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning;

/// <summary>Where a processed file came from, and the fingerprint that is its identity.</summary>
public sealed class ReportSource
{
    [JsonPropertyName("location")]
    public required string Location { get; init; }

    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("size_bytes")]
    public long SizeBytes { get; init; }

    [JsonPropertyName("sha256")]
    public required string Sha256 { get; init; }

    /// <summary>The object version cleaned (S3's version id); null for a local file.</summary>
    [JsonPropertyName("version_id")]
    public string? VersionId { get; init; }

    /// <summary>When that version was uploaded (S3's Last-Modified); null for a local file.</summary>
    [JsonPropertyName("uploaded_at")]
    public DateTimeOffset? UploadedAt { get; init; }
}
