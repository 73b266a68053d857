namespace StudentMetrics.Database;

/// <summary>What a migrate run did, or (dry run) would do.</summary>
/// <param name="DryRun">True when nothing was applied.</param>
/// <param name="Scripts">The scripts applied by this run, or that a dry run found pending, in order.</param>
/// <param name="AlreadyApplied">How many of this build's scripts the database had already.</param>
/// <param name="AppliedButUnknown">Scripts the journal lists that this build does not carry (a newer build ran).</param>
public sealed record MigrationResult(bool DryRun, IReadOnlyList<string> Scripts, int AlreadyApplied, IReadOnlyList<string> AppliedButUnknown);
