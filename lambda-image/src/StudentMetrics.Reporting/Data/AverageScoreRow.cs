namespace StudentMetrics.Reporting.Data;

/// <summary>A row of <c>reporting.average_scores</c>. Measures are null when the group is suppressed.</summary>
public sealed record AverageScoreRow(
    string Scope, string Subject, string SchoolId, short? GradeLevel, string Grade, string Term,
    bool Suppressed, string? SuppressionReason, long? StudentCount, decimal? AverageScore);
