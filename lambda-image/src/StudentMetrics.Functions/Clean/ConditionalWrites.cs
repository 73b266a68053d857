using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Functions.Clean;

/// <summary>
/// One run's writes to its outputs, each conditional on what the key held when the run observed it (or on what this
/// run itself last wrote there): a write that finds the key changed by someone else fails with
/// <see cref="OutputConflictException"/> instead of overwriting them.
/// </summary>
internal sealed class ConditionalWrites(IFeedStore store, ObservedOutputs observed)
{
    private readonly Dictionary<string, WriteCondition> _expected = new(StringComparer.Ordinal);

    public async Task<WrittenObject> CompleteAsync(IOutputObject output, CancellationToken cancellationToken) =>
        Wrote(await output.CompleteAsync(Expected(output.Key), cancellationToken).ConfigureAwait(false));

    public async Task<WrittenObject> PutAsync(string key, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        Wrote(await store.PutAsync(key, content, metadata, Expected(key), cancellationToken).ConfigureAwait(false));

    public async Task<WrittenObject> CopyRawAsync(IRawFile raw, string toKey, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        Wrote(await store.CopyRawAsync(raw, toKey, metadata, Expected(toKey), cancellationToken).ConfigureAwait(false));

    public async Task<WrittenObject> CopyAsync(WrittenObject from, string toKey, CancellationToken cancellationToken) =>
        Wrote(await store.CopyAsync(from, toKey, Expected(toKey), cancellationToken).ConfigureAwait(false));

    /// <summary>Removes what the key holds, if it is still what was there; nothing to do when it held nothing.</summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var expected = Expected(key);
        if (!expected.MustBeAbsent)
        {
            await store.DeleteAsync(key, expected, cancellationToken).ConfigureAwait(false);
            _expected[key] = WriteCondition.Absent;
        }
    }

    private WriteCondition Expected(string key) =>
        _expected.TryGetValue(key, out var condition) ? condition : WriteCondition.Unchanged(observed.StateOf(key));

    private WrittenObject Wrote(WrittenObject written)
    {
        _expected[written.Key] = WriteCondition.Matches(written.ETag);
        return written;
    }
}
