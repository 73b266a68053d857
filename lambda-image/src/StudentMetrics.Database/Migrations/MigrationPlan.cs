namespace StudentMetrics.Database.Migrations;

/// <summary>What a run must do, decided by comparing the scripts this build carries with the journal.</summary>
internal sealed class MigrationPlan
{
    private MigrationPlan(IReadOnlyList<MigrationScript> pending, int alreadyApplied, IReadOnlyList<string> unknown)
    {
        Pending = pending;
        AlreadyApplied = alreadyApplied;
        AppliedButUnknown = unknown;
    }

    /// <summary>Scripts not applied yet, in the order they will run.</summary>
    public IReadOnlyList<MigrationScript> Pending { get; }

    public int AlreadyApplied { get; }

    /// <summary>Scripts the journal lists that this build does not carry (a newer build migrated this database).</summary>
    public IReadOnlyList<string> AppliedButUnknown { get; }

    /// <param name="scripts">This build's scripts, ordered.</param>
    /// <param name="applied">The journal: script name to the checksum recorded when it was applied.</param>
    /// <exception cref="AppliedMigrationChangedException">An applied script's text differs from what was applied.</exception>
    public static MigrationPlan Create(IReadOnlyList<MigrationScript> scripts, IReadOnlyDictionary<string, string> applied)
    {
        foreach (var script in scripts)
        {
            if (applied.TryGetValue(script.Name, out var recorded) && !string.Equals(recorded, script.Checksum, StringComparison.OrdinalIgnoreCase))
            {
                throw new AppliedMigrationChangedException(script.Name, recorded, script.Checksum);
            }
        }

        var known = scripts.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return new MigrationPlan(
            scripts.Where(s => !applied.ContainsKey(s.Name)).ToList(),
            scripts.Count(s => applied.ContainsKey(s.Name)),
            applied.Keys.Where(name => !known.Contains(name)).Order(StringComparer.Ordinal).ToList());
    }
}
