using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Sqs;

internal sealed class DeleteMessageRequest
{
    [JsonPropertyName("QueueUrl")]
    public required string QueueUrl { get; init; }

    [JsonPropertyName("ReceiptHandle")]
    public required string ReceiptHandle { get; init; }
}
