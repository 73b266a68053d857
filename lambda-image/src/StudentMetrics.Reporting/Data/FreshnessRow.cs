namespace StudentMetrics.Reporting.Data;

/// <summary>A row of <c>reporting.data_freshness</c>: when a school's data last arrived.</summary>
public sealed record FreshnessRow(
    string SchoolId, DateTimeOffset LastLoadedAt, DateOnly LatestRecordedOn, string LatestTerm, long SourceFiles,
    string LatestSourceKey, string? LedgerStatus, int DaysSinceLoad, bool Stale);
