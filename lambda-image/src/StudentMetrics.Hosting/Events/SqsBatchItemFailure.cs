using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

public sealed class SqsBatchItemFailure
{
    /// <summary>The <see cref="SqsMessage.MessageId"/> of the message that failed.</summary>
    [JsonPropertyName("itemIdentifier")]
    public required string ItemIdentifier { get; init; }
}
