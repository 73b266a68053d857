using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.Cleaning;

/// <summary>Settings of one cleaning run.</summary>
public sealed record CleanerOptions
{
    private readonly FeedContract? _contract;

    /// <summary>A file with more than this share of its data rows rejected is quarantined as a wrong export; by default the contract's.</summary>
    public double? QuarantineRejectRatio { get; init; }

    /// <summary>The clock that decides "the day of processing" for date rules and the report's timestamps.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The feed contract enforced.</summary>
    public FeedContract Contract
    {
        // Read when a run starts, not when options are made: a contract file that cannot be read fails that run with its reason.
        get => _contract ?? FeedContracts.Default;
        init => _contract = value;
    }

    /// <summary>
    /// Longest single record (row) accepted, in bytes. A longer one is almost always an unclosed quote that
    /// swallowed the rest of the file; it quarantines the file instead of growing memory with it.
    /// </summary>
    public int MaxRecordBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>
    /// The values of the contract's <see cref="FeedContract.SchoolColumn"/> (the schools) the file's source
    /// may send, canonical (upper-case); a row with any other is rejected as not permitted. Null: no restriction (a
    /// file cleaned without a source registry, such as a local file on the command line).
    /// </summary>
    public IReadOnlyCollection<string>? PermittedValues { get; init; }
}
