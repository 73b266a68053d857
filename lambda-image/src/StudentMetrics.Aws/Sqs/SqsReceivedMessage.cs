using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Sqs;

/// <summary>A message as ReceiveMessage returns it.</summary>
public sealed class SqsReceivedMessage
{
    [JsonPropertyName("MessageId")]
    public required string MessageId { get; init; }

    [JsonPropertyName("ReceiptHandle")]
    public required string ReceiptHandle { get; init; }

    [JsonPropertyName("MD5OfBody")]
    public string? Md5OfBody { get; init; }

    [JsonPropertyName("Body")]
    public string Body { get; init; } = "";

    [JsonPropertyName("Attributes")]
    public Dictionary<string, string>? Attributes { get; init; }
}
