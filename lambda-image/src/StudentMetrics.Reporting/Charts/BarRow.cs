namespace StudentMetrics.Reporting.Charts;

/// <summary>One category of a bar chart: a value per series, or a suppressed group shown as such with <paramref name="Note"/>.</summary>
internal sealed record BarRow(string Label, IReadOnlyList<double?> Values, bool Suppressed = false, string? Note = null);
