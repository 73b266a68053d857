using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Sqs;

internal sealed class GetQueueAttributesRequest
{
    [JsonPropertyName("QueueUrl")]
    public required string QueueUrl { get; init; }

    [JsonPropertyName("AttributeNames")]
    public required IReadOnlyList<string> AttributeNames { get; init; }
}
