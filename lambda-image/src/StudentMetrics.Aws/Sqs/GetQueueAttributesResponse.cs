using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Sqs;

internal sealed class GetQueueAttributesResponse
{
    [JsonPropertyName("Attributes")]
    public Dictionary<string, string>? Attributes { get; init; }
}
