namespace StudentMetrics.Reporting.Data;

/// <summary>The one row of <c>reporting.settings</c>: the thresholds the views applied, shown on the page so readers know them.</summary>
public sealed record ReportingSettings(
    int MinGroupSize,
    decimal ChronicAbsenceBelow,
    decimal AtRiskScoreBelow,
    int AtRiskIncidentsAtLeast,
    int StaleAfterDays);
