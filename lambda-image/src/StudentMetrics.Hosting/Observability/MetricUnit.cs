namespace StudentMetrics.Hosting.Observability;

/// <summary>The CloudWatch units the product's metrics use.</summary>
public enum MetricUnit
{
    None,
    Count,
    Bytes,
    Milliseconds,
}
