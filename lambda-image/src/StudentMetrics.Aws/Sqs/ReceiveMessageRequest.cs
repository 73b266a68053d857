using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Sqs;

internal sealed class ReceiveMessageRequest
{
    [JsonPropertyName("QueueUrl")]
    public required string QueueUrl { get; init; }

    [JsonPropertyName("MaxNumberOfMessages")]
    public int MaxNumberOfMessages { get; init; }

    [JsonPropertyName("WaitTimeSeconds")]
    public int WaitTimeSeconds { get; init; }

    [JsonPropertyName("VisibilityTimeout")]
    public int VisibilityTimeout { get; init; }

    // Both names: AttributeNames is deprecated in favour of MessageSystemAttributeNames, and emulators differ in which they read.
    [JsonPropertyName("AttributeNames")]
    public IReadOnlyList<string> AttributeNames { get; init; } = ["All"];

    [JsonPropertyName("MessageSystemAttributeNames")]
    public IReadOnlyList<string> MessageSystemAttributeNames { get; init; } = ["All"];

    [JsonPropertyName("MessageAttributeNames")]
    public IReadOnlyList<string> MessageAttributeNames { get; init; } = ["All"];
}
