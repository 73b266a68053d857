using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Sqs;

internal sealed class SendMessageRequest
{
    [JsonPropertyName("QueueUrl")]
    public required string QueueUrl { get; init; }

    [JsonPropertyName("MessageBody")]
    public required string MessageBody { get; init; }
}
