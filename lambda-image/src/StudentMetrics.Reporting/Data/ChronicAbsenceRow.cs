namespace StudentMetrics.Reporting.Data;

/// <summary>A row of <c>reporting.chronic_absence</c>. Measures are null when hidden; <paramref name="Coded"/> is the range shown instead of a coded rate.</summary>
public sealed record ChronicAbsenceRow(
    string Scope, string SchoolId, string Term,
    bool Suppressed, string? SuppressionReason, long? StudentCount, long? ChronicallyAbsentCount, decimal? ChronicAbsenceRate, string? Coded = null);
