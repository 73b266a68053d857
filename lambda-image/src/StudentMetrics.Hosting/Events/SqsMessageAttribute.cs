using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

public sealed class SqsMessageAttribute
{
    [JsonPropertyName("stringValue")]
    public string? StringValue { get; init; }

    [JsonPropertyName("binaryValue")]
    public string? BinaryValue { get; init; }

    [JsonPropertyName("dataType")]
    public string? DataType { get; init; }
}
