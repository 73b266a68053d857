using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Sqs;

internal sealed class CreateQueueRequest
{
    [JsonPropertyName("QueueName")]
    public required string QueueName { get; init; }

    [JsonPropertyName("Attributes")]
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
