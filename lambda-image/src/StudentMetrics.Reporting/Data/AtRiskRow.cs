namespace StudentMetrics.Reporting.Data;

/// <summary>A row of <c>reporting.students_at_risk</c>. Each indicator is decided on its own: shown, coded or hidden.</summary>
public sealed record AtRiskRow(
    string Scope, string SchoolId, string Term, bool Suppressed, string? SuppressionReason, long? StudentCount,
    IndicatorValue AtRisk, IndicatorValue MultipleIndicators, IndicatorValue LowAttendance, IndicatorValue LowScores, IndicatorValue ManyIncidents)
{
    public long? AtRiskCount => AtRisk.Count;

    public decimal? AtRiskRate => AtRisk.Rate;
}
