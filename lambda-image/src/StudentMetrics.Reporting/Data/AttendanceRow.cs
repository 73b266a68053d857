namespace StudentMetrics.Reporting.Data;

/// <summary>A row of <c>reporting.attendance_rate</c>. Measures are null when the group is suppressed.</summary>
public sealed record AttendanceRow(
    string Scope, string SchoolId, short? GradeLevel, string Grade, string Term,
    bool Suppressed, string? SuppressionReason, long? StudentCount, decimal? AttendanceRate);
