namespace StudentMetrics.Reporting.Charts;

/// <summary>A dashed line across a chart at a value, e.g. the district figure behind each school's bar.</summary>
internal sealed record ReferenceLine(double Value, string Label);
