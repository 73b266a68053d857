namespace StudentMetrics.Hosting.Events;

/// <summary>An object named by a notification, with its key already URL-decoded.</summary>
public sealed record S3ObjectReference(string Bucket, string Key, long? Size, string? ETag, string? VersionId, string EventName)
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

        return new S3ObjectReference(bucket, key, record.S3!.Object!.Size, record.S3.Object.ETag, record.S3.Object.VersionId, record.EventName ?? "");
    }
}
