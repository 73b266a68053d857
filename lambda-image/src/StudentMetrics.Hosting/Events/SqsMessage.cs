using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

/// <summary>One message of an <see cref="SqsEvent"/>, in the shape Lambda gives it (camel-cased, unlike the SQS API).</summary>
public sealed class SqsMessage
{
    public const string Source = "aws:sqs";

    [JsonPropertyName("messageId")]
    public required string MessageId { get; init; }

    [JsonPropertyName("receiptHandle")]
    public string? ReceiptHandle { get; init; }

    [JsonPropertyName("body")]
    public string Body { get; init; } = "";

    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    [JsonPropertyName("messageAttributes")]
    public IReadOnlyDictionary<string, SqsMessageAttribute> MessageAttributes { get; init; } = new Dictionary<string, SqsMessageAttribute>();

    [JsonPropertyName("md5OfBody")]
    public string? Md5OfBody { get; init; }

    [JsonPropertyName("eventSource")]
    public string? EventSource { get; init; }

    [JsonPropertyName("eventSourceARN")]
    public string? EventSourceArn { get; init; }

    [JsonPropertyName("awsRegion")]
    public string? AwsRegion { get; init; }
}
