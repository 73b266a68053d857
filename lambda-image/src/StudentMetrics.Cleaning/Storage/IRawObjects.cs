namespace StudentMetrics.Cleaning.Storage;

/// <summary>
/// The raw uploads, read-only: which version each key holds now, and any one version's bytes. What a key holds now
/// is what the pipeline must reflect, so this (S3 itself, in AWS) is the authority, never an event.
/// </summary>
public interface IRawObjects
{
    /// <summary>The bucket or directory, for messages and reports.</summary>
    string Location { get; }

    /// <returns>The version <paramref name="key"/> holds now, or null when it holds none (never uploaded, or deleted).</returns>
    Task<RawVersion?> CurrentAsync(string key, CancellationToken cancellationToken);

    /// <returns>
    /// The version's place among every version the key has had (1 for the first upload), as the store orders them: it
    /// orders two versions of one key even when they were uploaded within the same second.
    /// </returns>
    Task<long> OrdinalAsync(RawVersion version, CancellationToken cancellationToken);

    /// <summary>The version's bytes: every read returns exactly them, or fails.</summary>
    /// <param name="cancellationToken">Also cancels every later read of the file.</param>
    IRawFile Open(RawVersion version, CancellationToken cancellationToken);
}
