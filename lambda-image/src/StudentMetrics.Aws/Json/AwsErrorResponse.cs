using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Json;

/// <summary>The error body of the JSON protocols: <c>__type</c> and a message whose casing varies by service.</summary>
internal sealed class AwsErrorResponse
{
    [JsonPropertyName("__type")]
    public string? Type { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("Message")]
    public string? MessageUpper { get; init; }
}
