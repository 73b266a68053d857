namespace StudentMetrics.Hosting.Events;

/// <summary>An object named by a notification, with its key already URL-decoded.</summary>
/// <param name="VersionId">The version the event is about; S3 sends it from a versioned bucket (the local emulator never does).</param>
/// <param name="Sequencer">S3's order of the events of one key, when sent.</param>
public sealed record S3ObjectReference(string Bucket, string Key, long? Size, string? ETag, string? VersionId, string EventName, string? Sequencer = null)
{
    /// <exception cref="FormatException">The record names no bucket or no key.</exception>
    public static S3ObjectReference From(S3EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var bucket = record.S3?.Bucket?.Name;
        var key = record.S3?.Object?.DecodedKey;
        if (string.IsNullOrEmpty(bucket) || string.IsNullOrEmpty(key))
        {
            throw new FormatException("The S3 event record names no bucket or no object key.");
        }

        var entity = record.S3!.Object!;
        return new S3ObjectReference(bucket, key, entity.Size, entity.ETag, entity.VersionId, record.EventName ?? "", entity.Sequencer);
    }
}
