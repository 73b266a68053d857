using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Sqs;

internal sealed class CreateQueueResponse
{
    [JsonPropertyName("QueueUrl")]
    public string? QueueUrl { get; init; }
}
