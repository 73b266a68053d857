using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

/// <summary>The message S3 sends once when a notification configuration is saved. It names no object and must be ignored.</summary>
public sealed class S3TestEvent
{
    public const string EventName = "s3:TestEvent";

    [JsonPropertyName("Service")]
    public string? Service { get; init; }

    [JsonPropertyName("Event")]
    public string? Event { get; init; }

    [JsonPropertyName("Time")]
    public string? Time { get; init; }

    [JsonPropertyName("Bucket")]
    public string? Bucket { get; init; }

    [JsonPropertyName("RequestId")]
    public string? RequestId { get; init; }

    [JsonPropertyName("HostId")]
    public string? HostId { get; init; }
}
