using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Sqs;

internal sealed class SendMessageResponse
{
    [JsonPropertyName("MessageId")]
    public string? MessageId { get; init; }
}
