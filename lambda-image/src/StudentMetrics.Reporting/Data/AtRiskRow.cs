namespace StudentMetrics.Reporting.Data;

/// <summary>A row of <c>reporting.students_at_risk</c>. Measures are null when the group is suppressed.</summary>
public sealed record AtRiskRow(
    string Scope, string SchoolId, string Term,
    bool Suppressed, string? SuppressionReason, long? StudentCount, long? AtRiskCount, decimal? AtRiskRate,
    long? MultipleIndicatorsCount, long? LowAttendanceCount, long? LowScoresCount, long? ManyIncidentsCount);
