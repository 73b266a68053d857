namespace StudentMetrics.Reporting.Data;

/// <summary>Everything the dashboard page shows, as read from the reporting views.</summary>
public sealed record DashboardData(
    ReportingSettings Settings,
    IReadOnlyList<AttendanceRow> Attendance,
    IReadOnlyList<ChronicAbsenceRow> ChronicAbsence,
    IReadOnlyList<AverageScoreRow> AverageScores,
    IReadOnlyList<ScoreBandRow> ScoreBands,
    IReadOnlyList<AtRiskRow> AtRisk,
    IReadOnlyList<FreshnessRow> Freshness)
{
    /// <summary>Terms with district figures, oldest first (canonical terms sort by their years).</summary>
    public IReadOnlyList<string> Terms { get; } = Attendance.Where(a => a.Scope == "district").Select(a => a.Term)
        .Concat(AtRisk.Where(a => a.Scope == "district").Select(a => a.Term))
        .Distinct().Order(StringComparer.Ordinal).ToList();

    public string? LatestTerm => Terms.Count == 0 ? null : Terms[^1];

    public string? PreviousTerm => Terms.Count < 2 ? null : Terms[^2];

    /// <summary>Every school that appears in any view, sorted.</summary>
    public IReadOnlyList<string> Schools { get; } = Freshness.Select(f => f.SchoolId)
        .Concat(AtRisk.Where(a => a.Scope == "school").Select(a => a.SchoolId))
        .Distinct().Order(StringComparer.Ordinal).ToList();
}
