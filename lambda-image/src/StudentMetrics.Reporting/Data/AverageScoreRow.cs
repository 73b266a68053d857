namespace StudentMetrics.Reporting.Data;

/// <summary>A row of <c>reporting.average_scores</c>. Measures are null when hidden; <paramref name="Coded"/> is the range shown instead of a coded average.</summary>
public sealed record AverageScoreRow(
    string Scope, string Subject, string SchoolId, short? GradeLevel, string Grade, string Term,
    bool Suppressed, string? SuppressionReason, long? StudentCount, decimal? AverageScore, string? Coded = null);
