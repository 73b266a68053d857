using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Functions.Clean;

/// <summary>What settling one raw key did.</summary>
public sealed record ObjectCleaningOutcome
{
    /// <summary>The report of the key's current version (null when the event was stale and nothing was looked at).</summary>
    public CleaningReport? Report { get; init; }

    /// <summary>The version the outputs are now made from.</summary>
    public RawVersion? Version { get; init; }

    /// <summary>The outputs were already this version's, by this build: nothing was written.</summary>
    public bool Repeated { get; init; }

    /// <summary>
    /// This run wrote the version's first report: metrics count the file. A redelivered event finds the report there
    /// (<see cref="Repeated"/>), and outputs made again because another run disturbed them are not a new file either.
    /// </summary>
    public bool Counted { get; init; }

    /// <summary>The version the event named, when that is not the key's current version: the event was skipped.</summary>
    public string? StaleEventVersionId { get; init; }

    /// <summary>Cleanings that lost on the way (the key changed, or another run wrote first) before this outcome.</summary>
    public IReadOnlyList<SupersededRun> Superseded { get; init; } = [];
}
