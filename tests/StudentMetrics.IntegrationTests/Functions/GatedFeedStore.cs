using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.IntegrationTests.Functions;

/// <summary>
/// A store whose first write waits at a gate until the test opens it, so a test can make something happen between a
/// run's decision to write and its first write. With <c>conditional: false</c> it also drops every write's condition,
/// as a store that cannot make writes conditional would.
/// </summary>
public sealed class GatedFeedStore(IFeedStore inner, bool conditional = true) : IFeedStore
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the run is about to make its first write.</summary>
    public Task Arrived => _arrived.Task;

    public string Location => inner.Location;

    public void Open() => _open.TrySetResult();

    public Task<ObjectState?> InspectAsync(string key, CancellationToken cancellationToken) => inner.InspectAsync(key, cancellationToken);

    public Task<StoredObject?> TryReadAsync(string key, CancellationToken cancellationToken) => inner.TryReadAsync(key, cancellationToken);

    public IOutputObject Create(string key, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        new GatedOutput(this, inner.Create(key, metadata, cancellationToken));

    public async Task<WrittenObject> CopyRawAsync(IRawFile raw, string toKey, IReadOnlyDictionary<string, string> metadata, WriteCondition condition, CancellationToken cancellationToken)
    {
        await GateAsync().ConfigureAwait(false);
        return await inner.CopyRawAsync(raw, toKey, metadata, Pass(condition), cancellationToken).ConfigureAwait(false);
    }

    public async Task<WrittenObject> CopyAsync(WrittenObject from, string toKey, WriteCondition condition, CancellationToken cancellationToken)
    {
        await GateAsync().ConfigureAwait(false);
        return await inner.CopyAsync(from, toKey, Pass(condition), cancellationToken).ConfigureAwait(false);
    }

    public async Task<WrittenObject> PutAsync(string key, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata, WriteCondition condition, CancellationToken cancellationToken)
    {
        await GateAsync().ConfigureAwait(false);
        return await inner.PutAsync(key, content, metadata, Pass(condition), cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string key, WriteCondition condition, CancellationToken cancellationToken)
    {
        await GateAsync().ConfigureAwait(false);
        await inner.DeleteAsync(key, Pass(condition), cancellationToken).ConfigureAwait(false);
    }

    private WriteCondition Pass(WriteCondition condition) => conditional ? condition : WriteCondition.None;

    private Task GateAsync()
    {
        _arrived.TrySetResult();
        return _open.Task;
    }

    private sealed class GatedOutput(GatedFeedStore store, IOutputObject inner) : IOutputObject
    {
        public string Key => inner.Key;

        public Stream Content => inner.Content;

        public async Task<WrittenObject> CompleteAsync(WriteCondition condition, CancellationToken cancellationToken)
        {
            await store.GateAsync().ConfigureAwait(false);
            return await inner.CompleteAsync(store.Pass(condition), cancellationToken).ConfigureAwait(false);
        }

        public Task AbortAsync() => inner.AbortAsync();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
