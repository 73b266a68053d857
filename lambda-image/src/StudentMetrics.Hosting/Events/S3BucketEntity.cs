using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

public sealed class S3BucketEntity
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("arn")]
    public string? Arn { get; init; }
}
