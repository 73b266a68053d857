namespace StudentMetrics.Cleaning;

/// <summary>Settings of one cleaning run.</summary>
public sealed class CleanerOptions
{
    /// <summary>A file with more than this share of its data rows rejected is quarantined as a wrong export.</summary>
    public double QuarantineRejectRatio { get; init; } = 0.5;

    /// <summary>The clock that decides "the day of processing" for date rules and the report's timestamps.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
