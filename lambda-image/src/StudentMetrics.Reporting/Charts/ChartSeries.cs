namespace StudentMetrics.Reporting.Charts;

/// <summary>A named, coloured series of a chart (a subject, a measure, a score band).</summary>
internal sealed record ChartSeries(string Name, string Color);
