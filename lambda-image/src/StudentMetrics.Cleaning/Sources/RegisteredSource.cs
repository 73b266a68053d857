using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning.Sources;

/// <summary>One source: its folder of uploads (<c>raw/NAME/</c>) and the school ids (canonical) it may send rows for.</summary>
public sealed record RegisteredSource
{
    [JsonPropertyName("prefix")]
    public required string Prefix { get; init; }

    [JsonPropertyName("description")]
    public string Description { get; init; } = "";

    /// <summary>The last audited change to this source or its schools: a file cleaned under another revision is cleaned again when replayed.</summary>
    [JsonPropertyName("revision")]
    public long Revision { get; init; }

    [JsonPropertyName("schools")]
    public IReadOnlyList<string> Schools { get; init; } = [];
}
