using System.Text.Json.Serialization;

namespace StudentMetrics.Functions.Migrate;

/// <summary>What a <c>migrate</c> invocation did: what the deploy workflow prints.</summary>
public sealed class MigrateResponse
{
    [JsonPropertyName("dryRun")]
    public bool DryRun { get; init; }

    /// <summary>The scripts this run applied (or, dry, would apply), in order: baseline, versioned, repeatable.</summary>
    [JsonPropertyName("applied")]
    public IReadOnlyList<string> Applied { get; init; } = [];

    /// <summary>The baseline recorded as applied without running it, because the database had applied every script it replaces.</summary>
    [JsonPropertyName("baselineRecorded")]
    public string? BaselineRecorded { get; init; }

    /// <summary>Repeatable scripts no longer in this build, whose views or functions were dropped.</summary>
    [JsonPropertyName("removedRepeatables")]
    public IReadOnlyList<string> RemovedRepeatables { get; init; } = [];

    [JsonPropertyName("alreadyApplied")]
    public int AlreadyApplied { get; init; }

    /// <summary>Scripts the database has that this build does not carry: a newer build migrated it.</summary>
    [JsonPropertyName("appliedButUnknown")]
    public IReadOnlyList<string> AppliedButUnknown { get; init; } = [];

    /// <summary>The revision of the source registry published to the data bucket afterwards; null when none was (a dry run, or no bucket set).</summary>
    [JsonPropertyName("publishedRegistryRevision")]
    public long? PublishedRegistryRevision { get; init; }
}
