using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning;

/// <summary>Which source a file came from and the schools it was allowed to send when it was cleaned.</summary>
public sealed record ReportRegistration
{
    /// <summary>The source's folder (<c>raw/NAME/</c>), or the raw prefix itself for a file in no folder.</summary>
    [JsonPropertyName("source")]
    public required string Source { get; init; }

    [JsonPropertyName("registered")]
    public bool Registered { get; init; }

    /// <summary>The registry's revision of the source's entry (its last audited change); 0 when it is not registered.</summary>
    [JsonPropertyName("revision")]
    public long Revision { get; init; }

    [JsonPropertyName("schools")]
    public IReadOnlyList<string> Schools { get; init; } = [];
}
