using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

/// <summary>The batch of messages Lambda's SQS event source mapping delivers in one invocation.</summary>
public sealed class SqsEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsMessage> Records { get; init; } = [];
}
