namespace StudentMetrics.Reporting.Data;

/// <summary>A row of <c>reporting.attendance_rate</c>. Measures are null when hidden; <paramref name="Coded"/> is the range shown instead of a coded rate.</summary>
public sealed record AttendanceRow(
    string Scope, string SchoolId, short? GradeLevel, string Grade, string Term,
    bool Suppressed, string? SuppressionReason, long? StudentCount, decimal? AttendanceRate, string? Coded = null);
