namespace StudentMetrics.Reporting.Data;

/// <summary>The one row of <c>reporting.settings</c>: the thresholds the snapshot applied, shown on the page so readers know them.</summary>
public sealed record ReportingSettings(
    int MinGroupSize,
    decimal ChronicAbsenceMissedAtLeast,
    int MinEnrolledDays,
    decimal AtRiskScoreBelow,
    int AtRiskIncidentsAtLeast,
    int StaleAfterDays);
