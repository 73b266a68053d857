namespace StudentMetrics.Reporting.Data;

/// <summary>Everything the dashboard page shows, as read from the reporting schema.</summary>
/// <param name="Terms">Terms with data in the order of <c>reporting.terms</c> (S1 before S2, quarters and full years in place), oldest first.</param>
/// <param name="Status">The snapshot's refresh, or null before the first load.</param>
public sealed record DashboardData(
    ReportingSettings Settings,
    IReadOnlyList<string> Terms,
    SnapshotStatus? Status,
    IReadOnlyList<AttendanceRow> Attendance,
    IReadOnlyList<ChronicAbsenceRow> ChronicAbsence,
    IReadOnlyList<AverageScoreRow> AverageScores,
    IReadOnlyList<ScoreBandRow> ScoreBands,
    IReadOnlyList<AtRiskRow> AtRisk,
    IReadOnlyList<FreshnessRow> Freshness)
{
    /// <summary>The latest term, as reporting.terms defines it.</summary>
    public string? LatestTerm => Terms.Count == 0 ? null : Terms[^1];

    public string? PreviousTerm => Terms.Count < 2 ? null : Terms[^2];

    /// <summary>Every school with published figures, sorted.</summary>
    public IReadOnlyList<string> Schools { get; } = AtRisk.Where(a => a.Scope == "school").Select(a => a.SchoolId)
        .Distinct().Order(StringComparer.Ordinal).ToList();
}
