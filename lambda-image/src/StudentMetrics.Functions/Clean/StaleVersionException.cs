using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Functions.Clean;

/// <summary>The version being cleaned is no longer the key's current one: its outputs must not be written.</summary>
internal sealed class StaleVersionException(RawVersion? current)
    : Exception($"the key now holds {(current is null ? "nothing" : "version " + current.VersionId)}")
{
    public RawVersion? Current { get; } = current;
}
