using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning.Sources;

/// <summary>
/// Who may send what: every registered source (a folder of raw uploads) and the schools it may send rows for. The
/// database holds it (changed by a migration or <c>student-metrics sources</c>, every change audited); this is the copy
/// published for the cleaner, which reads no database. <see cref="Revision"/> is the last audited change it holds.
/// </summary>
public sealed record SourceRegistry
{
    [JsonPropertyName("revision")]
    public long Revision { get; init; }

    [JsonPropertyName("published_at")]
    public DateTimeOffset PublishedAt { get; init; }

    [JsonPropertyName("sources")]
    public IReadOnlyList<RegisteredSource> Sources { get; init; } = [];

    /// <returns>The source registered for exactly this prefix (<c>raw/NAME/</c>), or null.</returns>
    public RegisteredSource? Find(string prefix) => Sources.FirstOrDefault(s => string.Equals(s.Prefix, prefix, StringComparison.Ordinal));
}
