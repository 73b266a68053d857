using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

/// <summary>
/// The partial batch response (the event source mapping needs <c>ReportBatchItemFailures</c>): only the listed messages
/// go back to the queue, so one bad file does not make the whole batch run again.
/// </summary>
public sealed class SqsBatchResponse
{
    [JsonPropertyName("batchItemFailures")]
    public IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; init; } = [];
}
