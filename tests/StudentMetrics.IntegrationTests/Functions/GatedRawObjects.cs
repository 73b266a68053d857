using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.IntegrationTests.Functions;

/// <summary>Raw objects whose versions, once a run starts working on one, wait at a gate until the test opens it: a slow cleaning.</summary>
public sealed class GatedRawObjects(IRawObjects inner) : IRawObjects
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the run has looked at the outputs and starts on the version.</summary>
    public Task Arrived => _arrived.Task;

    public string Location => inner.Location;

    public void Open() => _open.TrySetResult();

    public Task<RawVersion?> CurrentAsync(string key, CancellationToken cancellationToken) => inner.CurrentAsync(key, cancellationToken);

    public async Task<long> OrdinalAsync(RawVersion version, CancellationToken cancellationToken)
    {
        _arrived.TrySetResult();
        await _open.Task.ConfigureAwait(false);
        return await inner.OrdinalAsync(version, cancellationToken).ConfigureAwait(false);
    }

    public IRawFile Open(RawVersion version, CancellationToken cancellationToken) => inner.Open(version, cancellationToken);
}
