namespace StudentMetrics.Database;

/// <summary>
/// The database's migration history does not fit this build's baseline: it applied only part of the versioned
/// scripts the baseline replaces, or other versions of them, or it was built from a newer baseline. Nothing was changed.
/// </summary>
public sealed class MigrationHistoryException(string message) : Exception(message)
{
    internal static MigrationHistoryException Partial(string baseline, IReadOnlyList<string> applied, IReadOnlyList<string> missing) => new(
        $"This database applied {applied.Count} of the {applied.Count + missing.Count} versioned scripts {baseline} replaces " +
        $"(up to {applied[^1]}), not {string.Join(", ", missing)}. Migrate it first with a build that still carries them as versioned " +
        $"scripts, any build from before {baseline} (`git log --diff-filter=A -- db/migrations/{baseline}` names the commit that added it; " +
        "its parent is such a build), then with this one.");

    internal static MigrationHistoryException Differs(string baseline, string script, string appliedChecksum, string expectedChecksum) => new(
        $"This database applied {script} with SHA-256 {appliedChecksum}, but {baseline} stands for the version with SHA-256 {expectedChecksum}: " +
        $"it was migrated with an edited {script}, so {baseline} cannot be taken to describe it. Compare its schema with a freshly migrated " +
        "database and repair it before migrating it with this build.");

    internal static MigrationHistoryException NewerBaseline(string unknownBaseline, string? ownBaseline) => new(
        $"This database was created from the baseline {unknownBaseline} by a newer build; this build carries " +
        $"{(ownBaseline is null ? "no baseline" : "only " + ownBaseline)} and cannot migrate it. Migrate it with a build that carries {unknownBaseline} or later.");
}
