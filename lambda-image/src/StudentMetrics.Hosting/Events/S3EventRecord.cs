using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

/// <summary>One record of an <see cref="S3Event"/>: one object that was created or removed.</summary>
public sealed class S3EventRecord
{
    [JsonPropertyName("eventVersion")]
    public string? EventVersion { get; init; }

    [JsonPropertyName("eventSource")]
    public string? EventSource { get; init; }

    [JsonPropertyName("awsRegion")]
    public string? AwsRegion { get; init; }

    [JsonPropertyName("eventTime")]
    public string? EventTime { get; init; }

    /// <summary>For example <c>ObjectCreated:Put</c> (no <c>s3:</c> prefix in the record, unlike the notification configuration).</summary>
    [JsonPropertyName("eventName")]
    public string? EventName { get; init; }

    [JsonPropertyName("s3")]
    public S3Entity? S3 { get; init; }

    [JsonIgnore]
    public bool IsObjectCreated => EventName?.StartsWith("ObjectCreated:", StringComparison.Ordinal) ?? false;
}
