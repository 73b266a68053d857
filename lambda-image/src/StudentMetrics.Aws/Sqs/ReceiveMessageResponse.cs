using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Sqs;

internal sealed class ReceiveMessageResponse
{
    [JsonPropertyName("Messages")]
    // An empty receive may carry "Messages": null rather than leave it out.
    public List<SqsReceivedMessage>? Messages { get; init; }
}
