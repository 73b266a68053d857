using System.Text.Json;

namespace StudentMetrics.Hosting.Events;

/// <summary>Tells an SQS batch from a direct S3 event by the records' <c>eventSource</c>, as the payloads themselves say.</summary>
public static class IncomingEvent
{
    public static IncomingEventKind Classify(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return IncomingEventKind.Unknown;
            }

            if (root.TryGetProperty("Event", out var name) && name.ValueKind == JsonValueKind.String && name.ValueEquals(S3TestEvent.EventName))
            {
                return IncomingEventKind.S3Test;
            }

            if (!root.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
            {
                return IncomingEventKind.Unknown;
            }

            foreach (var record in records.EnumerateArray())
            {
                if (record.ValueKind == JsonValueKind.Object && record.TryGetProperty("eventSource", out var source) && source.ValueKind == JsonValueKind.String)
                {
                    if (source.ValueEquals(SqsMessage.Source))
                    {
                        return IncomingEventKind.Sqs;
                    }

                    if (source.ValueEquals("aws:s3"))
                    {
                        return IncomingEventKind.S3;
                    }
                }

                return IncomingEventKind.Unknown;
            }

            // An empty batch carries nothing to do whichever way it came; treat it as S3 so it succeeds with no work.
            return IncomingEventKind.S3;
        }
        catch (JsonException)
        {
            return IncomingEventKind.Unknown;
        }
    }
}
