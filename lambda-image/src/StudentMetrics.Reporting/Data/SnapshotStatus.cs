namespace StudentMetrics.Reporting.Data;

/// <summary>The one row of <c>reporting.refresh_status</c>: when the figures were published and how many school-grade groups wait for more changes.</summary>
public sealed record SnapshotStatus(DateTimeOffset RefreshedAt, long HeldCells);
