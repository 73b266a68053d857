using System.Text.Json.Serialization;

namespace StudentMetrics.Functions.Migrate;

/// <summary>The <c>migrate</c> function's request; <c>{}</c> applies everything pending.</summary>
public sealed class MigrateRequest
{
    /// <summary>List what would be applied and change nothing.</summary>
    [JsonPropertyName("dryRun")]
    public bool DryRun { get; init; }
}
