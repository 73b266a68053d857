namespace StudentMetrics.Reporting.Data;

/// <summary>One early-warning measure of a group: its count and rate when shown, else the range shown instead (or neither when hidden).</summary>
public sealed record IndicatorValue(long? Count, decimal? Rate, string? Coded)
{
    public static IndicatorValue Hidden { get; } = new(null, null, null);
}
