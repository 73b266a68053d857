using System.Text.Json;

namespace StudentMetrics.Hosting.Events;

/// <summary>What an S3 notification says: either objects that changed, or the test event S3 sends when notifications are set up.</summary>
public sealed class S3Notification
{
    private S3Notification(bool isTestEvent, IReadOnlyList<S3EventRecord> records)
    {
        IsTestEvent = isTestEvent;
        Records = records;
    }

    public bool IsTestEvent { get; }

    public IReadOnlyList<S3EventRecord> Records { get; }

    /// <exception cref="FormatException">The JSON is neither an S3 event nor the S3 test event.</exception>
    public static S3Notification Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("Event", out var name)
                && name.ValueKind == JsonValueKind.String
                && name.ValueEquals(S3TestEvent.EventName))
            {
                return new S3Notification(true, []);
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array)
            {
                var parsed = root.Deserialize(LambdaEventJsonContext.Default.S3Event)!;
                return new S3Notification(false, parsed.Records);
            }
        }
        catch (JsonException e)
        {
            throw new FormatException("The message is not JSON: " + e.Message, e);
        }

        throw new FormatException("The message is neither an S3 event notification nor the S3 test event.");
    }
}
