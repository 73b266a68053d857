using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

/// <summary>An S3 event notification: the payload S3 sends to Lambda directly, and the body of the SQS message when it goes through a queue.</summary>
public sealed class S3Event
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<S3EventRecord> Records { get; init; } = [];
}
