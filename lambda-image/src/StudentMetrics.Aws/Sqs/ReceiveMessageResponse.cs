using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Sqs;

internal sealed class ReceiveMessageResponse
{
    [JsonPropertyName("Messages")]
    public List<SqsReceivedMessage> Messages { get; init; } = [];
}
