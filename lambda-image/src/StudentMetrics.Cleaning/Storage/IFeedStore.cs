namespace StudentMetrics.Cleaning.Storage;

/// <summary>
/// Where a cleaned file's outputs are written: a bucket in AWS, a directory on a laptop. Keys use <c>/</c> whatever
/// the store. Nothing written through <see cref="Create"/> is visible before it is completed.
/// </summary>
public interface IFeedStore
{
    /// <summary>The bucket or directory, for messages and reports.</summary>
    string Location { get; }

    /// <summary>Starts a streamed object; it appears, with its metadata, only when completed.</summary>
    IOutputObject Create(string key, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>Copies the exact version of a raw file to <paramref name="toKey"/> (a quarantined file kept as it came).</summary>
    Task CopyRawAsync(IRawFile raw, string toKey, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    Task CopyAsync(string fromKey, string toKey, CancellationToken cancellationToken);

    Task PutAsync(string key, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <returns>The object, or null when there is none under <paramref name="key"/>.</returns>
    Task<StoredObject?> TryReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
