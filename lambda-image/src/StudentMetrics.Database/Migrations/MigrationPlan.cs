namespace StudentMetrics.Database.Migrations;

/// <summary>What a run must do, decided by comparing the scripts this build carries with the journal.</summary>
internal sealed class MigrationPlan
{
    private MigrationPlan()
    {
    }

    /// <summary>The baseline to run: the database has none of the history it stands for (a fresh database).</summary>
    public MigrationScript? BaselineToRun { get; private init; }

    /// <summary>The baseline to record as applied without running it: the database applied every script it replaces.</summary>
    public MigrationScript? BaselineByEquivalence { get; private init; }

    /// <summary>Versioned scripts not applied yet, in number order.</summary>
    public IReadOnlyList<MigrationScript> VersionedToRun { get; private init; } = [];

    /// <summary>Every repeatable script, in order, when any changed or anything else runs; otherwise none.</summary>
    public IReadOnlyList<RepeatableScript> RepeatablesToApply { get; private init; } = [];

    /// <summary>Repeatable scripts that are new or whose text differs from what was last applied.</summary>
    public IReadOnlyList<string> ChangedRepeatables { get; private init; } = [];

    /// <summary>Repeatable scripts the journal lists and this build no longer carries: their objects are dropped.</summary>
    public IReadOnlyList<string> RemovedRepeatables { get; private init; } = [];

    /// <summary>Scripts this build carries that the journal already holds, unchanged, and that this run leaves alone.</summary>
    public int AlreadyApplied { get; private init; }

    /// <summary>Scripts the journal lists that this build does not carry (a newer build migrated this database).</summary>
    public IReadOnlyList<string> AppliedButUnknown { get; private init; } = [];

    /// <summary>A newer build migrated this database, so its repeatable objects are left as that build made them.</summary>
    public bool RepeatablesLeftToNewerBuild { get; private init; }

    /// <summary>The scripts that run one transaction each: the baseline, then the versioned scripts.</summary>
    public IReadOnlyList<MigrationScript> ScriptsToRun => [.. new[] { BaselineToRun }.OfType<MigrationScript>(), .. VersionedToRun];

    /// <param name="catalogue">This build's scripts.</param>
    /// <param name="applied">The journal: script name to the checksum recorded when it was (last) applied.</param>
    /// <exception cref="AppliedMigrationChangedException">An applied versioned script or baseline was edited since.</exception>
    /// <exception cref="MigrationHistoryException">The journal does not fit this build's baseline.</exception>
    public static MigrationPlan Create(MigrationCatalogue catalogue, IReadOnlyDictionary<string, string> applied)
    {
        var onceOnly = catalogue.Versioned.Select(v => v.Script).Prepend(catalogue.Baseline?.Script).OfType<MigrationScript>().ToList();
        foreach (var script in onceOnly)
        {
            if (applied.TryGetValue(script.Name, out var recorded) && !SameChecksum(recorded, script.Checksum))
            {
                throw new AppliedMigrationChangedException(script.Name, recorded, script.Checksum);
            }
        }

        var replaced = catalogue.Baseline?.Replaces ?? new Dictionary<string, string>();
        var known = catalogue.All.Select(s => s.Name).Concat(replaced.Keys).ToHashSet(StringComparer.Ordinal);
        var unknown = applied.Keys.Where(name => !known.Contains(name)).Order(StringComparer.Ordinal).ToList();
        var newerBaseline = unknown.FirstOrDefault(name => name.StartsWith('B'));
        if (newerBaseline is not null)
        {
            throw MigrationHistoryException.NewerBaseline(newerBaseline, catalogue.Baseline?.Script.Name);
        }

        var (baselineToRun, baselineByEquivalence) = Baseline(catalogue.Baseline, applied);
        var versionedToRun = catalogue.Versioned.Where(v => !applied.ContainsKey(v.Script.Name)).Select(v => v.Script).ToList();
        var removed = unknown.Where(IsRepeatable).ToList();
        var newerVersioned = unknown.Where(name => !IsRepeatable(name)).ToList();
        var changed = catalogue.Repeatables
            .Where(r => !applied.TryGetValue(r.Script.Name, out var recorded) || !SameChecksum(recorded, r.Script.Checksum))
            .Select(r => r.Script.Name).ToList();

        // A newer build's scripts may rely on its own definitions of these objects; putting this build's back would break them.
        var leaveRepeatables = newerVersioned.Count > 0;
        var reapply = !leaveRepeatables
            && (changed.Count > 0 || removed.Count > 0 || baselineToRun is not null || baselineByEquivalence is not null || versionedToRun.Count > 0);
        var repeatablesKept = reapply ? 0 : catalogue.Repeatables.Count(r => !changed.Contains(r.Script.Name));
        return new MigrationPlan
        {
            BaselineToRun = baselineToRun,
            BaselineByEquivalence = baselineByEquivalence,
            VersionedToRun = versionedToRun,
            RepeatablesToApply = reapply ? catalogue.Repeatables : [],
            ChangedRepeatables = reapply ? changed : [],
            RemovedRepeatables = reapply ? removed : [],
            AlreadyApplied = onceOnly.Count(s => applied.ContainsKey(s.Name)) + repeatablesKept,
            AppliedButUnknown = leaveRepeatables ? unknown : [],
            RepeatablesLeftToNewerBuild = leaveRepeatables,
        };
    }

    private static (MigrationScript? Run, MigrationScript? ByEquivalence) Baseline(BaselineScript? baseline, IReadOnlyDictionary<string, string> applied)
    {
        if (baseline is null || applied.ContainsKey(baseline.Script.Name))
        {
            return (null, null);
        }

        var done = baseline.Replaces.Keys.Where(applied.ContainsKey).Order(StringComparer.Ordinal).ToList();
        if (done.Count == 0)
        {
            return (baseline.Script, null);
        }

        if (done.Count < baseline.Replaces.Count)
        {
            var missing = baseline.Replaces.Keys.Where(name => !applied.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();
            throw MigrationHistoryException.Partial(baseline.Script.Name, done, missing);
        }

        var differs = done.FirstOrDefault(name => !SameChecksum(applied[name], baseline.Replaces[name]));
        if (differs is not null)
        {
            throw MigrationHistoryException.Differs(baseline.Script.Name, differs, applied[differs], baseline.Replaces[differs]);
        }

        return (null, baseline.Script);
    }

    private static bool IsRepeatable(string name) => name.StartsWith("R__", StringComparison.Ordinal);

    private static bool SameChecksum(string recorded, string current) => string.Equals(recorded, current, StringComparison.OrdinalIgnoreCase);
}
