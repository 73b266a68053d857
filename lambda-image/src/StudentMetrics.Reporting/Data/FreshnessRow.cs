namespace StudentMetrics.Reporting.Data;

/// <summary>
/// A row of <c>reporting.data_freshness</c>: when a school's data last arrived, and the latest attempt at a file that
/// held it (loaded, failed, quarantined or still loading). A school seen only in attempts has no stored data yet.
/// </summary>
public sealed record FreshnessRow(
    string SchoolId, DateTimeOffset? LastLoadedAt, string? LatestTerm, long SourceFiles, string? LatestSourceKey,
    string? LatestAttemptStatus, DateTimeOffset? LatestAttemptAt, int? DaysSinceLoad, bool Stale);
