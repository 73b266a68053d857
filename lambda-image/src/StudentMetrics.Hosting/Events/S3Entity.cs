using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

/// <summary>The <c>s3</c> part of an event record: which bucket and which object.</summary>
public sealed class S3Entity
{
    [JsonPropertyName("s3SchemaVersion")]
    public string? SchemaVersion { get; init; }

    [JsonPropertyName("configurationId")]
    public string? ConfigurationId { get; init; }

    [JsonPropertyName("bucket")]
    public S3BucketEntity? Bucket { get; init; }

    [JsonPropertyName("object")]
    public S3ObjectEntity? Object { get; init; }
}
