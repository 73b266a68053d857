using System.Text.Json;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Functions.Clean;

/// <summary>
/// Every output key of one raw object as a run found it before writing anything: which object each held (its ETag,
/// which the run's writes are conditional on) and the report there. From it the run tells whether the outputs are
/// already exactly those of the version it is about to clean.
/// </summary>
internal sealed class ObservedOutputs
{
    private readonly Dictionary<string, ObjectState?> _states;

    private ObservedOutputs(CleanOutputKeys keys, StoredObject? report, Dictionary<string, ObjectState?> states)
    {
        Keys = keys;
        ReportObject = report;
        _states = states;
    }

    public CleanOutputKeys Keys { get; }

    public StoredObject? ReportObject { get; }

    public static async Task<ObservedOutputs> ObserveAsync(IFeedStore store, CleanOutputKeys keys, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, ObjectState?>(StringComparer.Ordinal);
        foreach (var key in keys.All.Where(k => k != keys.Report))
        {
            states[key] = await store.InspectAsync(key, cancellationToken).ConfigureAwait(false);
        }

        var report = await store.TryReadAsync(keys.Report, cancellationToken).ConfigureAwait(false);
        states[keys.Report] = report?.State;
        return new ObservedOutputs(keys, report, states);
    }

    public ObjectState? StateOf(string key) => _states[key];

    /// <summary>The report there was made from this version, by this build, under this registry entry.</summary>
    public bool ReportIsOf(string versionId, string registration) =>
        ReportObject is not null && LineageMetadata.Read(ReportObject.State.Metadata) is { } lineage
        && lineage.VersionId == versionId && lineage.CleanerBuild == ObjectCleaner.CleanerBuild && lineage.Registration == registration;

    /// <returns>
    /// The report, when every output is that version's: the report is of it (<see cref="ReportIsOf"/>), every output
    /// it lists carries its lineage, and no other output key holds anything. Otherwise null: the outputs must be made.
    /// </returns>
    public CleaningReport? SettledReport(string versionId, string registration)
    {
        if (!ReportIsOf(versionId, registration) || Parse(ReportObject!) is not { } report)
        {
            return null;
        }

        var listed = report.Outputs.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, state) in _states)
        {
            var holdsThisVersion = state is not null && LineageMetadata.Read(state.Metadata)?.VersionId == versionId;
            if (listed.Contains(key) ? !holdsThisVersion : state is not null)
            {
                return null;
            }
        }

        return listed.IsSubsetOf(_states.Keys) ? report : null;
    }

    private static CleaningReport? Parse(StoredObject stored)
    {
        try
        {
            return JsonSerializer.Deserialize(stored.Content.Span, CleaningReportJsonContext.Default.CleaningReport);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
