namespace StudentMetrics.Hosting.Observability;

/// <summary>One metric value of an Embedded Metric Format record.</summary>
public readonly record struct Metric(string Name, double Value, MetricUnit Unit);
