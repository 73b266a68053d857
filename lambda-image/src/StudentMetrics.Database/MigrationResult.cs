namespace StudentMetrics.Database;

/// <summary>What a migrate run did, or (dry run) would do.</summary>
public sealed record MigrationResult
{
    /// <summary>True when nothing was applied.</summary>
    public required bool DryRun { get; init; }

    /// <summary>The baseline run on a fresh database, or null.</summary>
    public string? Baseline { get; init; }

    /// <summary>The baseline recorded as applied without running it (the database had applied every script it replaces), or null.</summary>
    public string? BaselineByEquivalence { get; init; }

    /// <summary>The versioned scripts applied, in order.</summary>
    public IReadOnlyList<string> Versioned { get; init; } = [];

    /// <summary>The repeatable scripts applied, in order: all of them whenever any applies.</summary>
    public IReadOnlyList<string> Repeatables { get; init; } = [];

    /// <summary>The repeatable scripts that were new or edited: why <see cref="Repeatables"/> were applied.</summary>
    public IReadOnlyList<string> ChangedRepeatables { get; init; } = [];

    /// <summary>Repeatable scripts this build no longer carries, whose objects were dropped.</summary>
    public IReadOnlyList<string> RemovedRepeatables { get; init; } = [];

    /// <summary>How many of this build's scripts the database had already, unchanged.</summary>
    public int AlreadyApplied { get; init; }

    /// <summary>Scripts the journal lists that this build does not carry (a newer build ran; this run left its repeatable objects alone).</summary>
    public IReadOnlyList<string> AppliedButUnknown { get; init; } = [];

    /// <summary>Every script run (or, dry, that would run), in order: the baseline, the versioned scripts, the repeatable scripts.</summary>
    public IReadOnlyList<string> Scripts => [.. new[] { Baseline }.OfType<string>(), .. Versioned, .. Repeatables];
}
