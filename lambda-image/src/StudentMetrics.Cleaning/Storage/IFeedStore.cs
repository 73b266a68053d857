namespace StudentMetrics.Cleaning.Storage;

/// <summary>
/// Where a cleaned file's outputs are written: a bucket in AWS, a directory on a laptop. Keys use <c>/</c> whatever
/// the store. Nothing written through <see cref="Create"/> is visible before it is completed. Every write and delete
/// takes a <see cref="WriteCondition"/>, so that two runs writing the same key cannot silently undo each other.
/// </summary>
public interface IFeedStore
{
    /// <summary>The bucket or directory, for messages and reports.</summary>
    string Location { get; }

    /// <returns>The object under <paramref name="key"/> (its ETag and metadata), or null when there is none.</returns>
    Task<ObjectState?> InspectAsync(string key, CancellationToken cancellationToken);

    /// <returns>The object, or null when there is none under <paramref name="key"/>.</returns>
    Task<StoredObject?> TryReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Starts a streamed object; it appears, with its metadata, only when completed.</summary>
    IOutputObject Create(string key, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>Copies the exact version of a raw file to <paramref name="toKey"/> (a quarantined file kept as it came).</summary>
    /// <returns>The copy.</returns>
    /// <exception cref="OutputConflictException">The condition no longer holds of <paramref name="toKey"/>.</exception>
    Task<WrittenObject> CopyRawAsync(IRawFile raw, string toKey, IReadOnlyDictionary<string, string> metadata, WriteCondition condition, CancellationToken cancellationToken);

    /// <summary>Copies an object this run wrote, metadata and all (that version of it, whatever its key holds now).</summary>
    /// <returns>The copy.</returns>
    /// <exception cref="OutputConflictException">The source is gone, or the condition no longer holds of <paramref name="toKey"/>.</exception>
    Task<WrittenObject> CopyAsync(WrittenObject from, string toKey, WriteCondition condition, CancellationToken cancellationToken);

    /// <returns>The new object.</returns>
    /// <exception cref="OutputConflictException">The condition no longer holds of <paramref name="key"/>; nothing was written.</exception>
    Task<WrittenObject> PutAsync(string key, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata, WriteCondition condition, CancellationToken cancellationToken);

    /// <exception cref="OutputConflictException">The condition no longer holds of <paramref name="key"/>; nothing was removed.</exception>
    Task DeleteAsync(string key, WriteCondition condition, CancellationToken cancellationToken);
}
