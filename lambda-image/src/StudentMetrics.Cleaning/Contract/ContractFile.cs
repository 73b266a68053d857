using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning.Contract;

/// <summary>
/// A contract file as written under <c>contracts/</c> (snake_case JSON). Settable, so that what a file leaves out keeps
/// its default; <see cref="ToContract"/> turns it into the immutable <see cref="FeedContract"/> the product uses.
/// </summary>
internal sealed class ContractFile
{
    [JsonPropertyName("feed")]
    public string Feed { get; set; } = "";

    [JsonPropertyName("version")]
    public string Version { get; set; } = "";

    [JsonPropertyName("title")]
    public string Title { get; set; } = "";

    [JsonPropertyName("documentation")]
    public string Documentation { get; set; } = "docs/feed-contract.md";

    [JsonPropertyName("table")]
    public string Table { get; set; } = "";

    [JsonPropertyName("key")]
    public List<string> Key { get; set; } = [];

    [JsonPropertyName("duplicates")]
    public DuplicateRule Duplicates { get; set; } = DuplicateRule.Key;

    [JsonPropertyName("recency")]
    public string? Recency { get; set; }

    [JsonPropertyName("school")]
    public string? School { get; set; }

    [JsonPropertyName("null_tokens")]
    public List<string> NullTokens { get; set; } = [];

    [JsonPropertyName("max_field_length")]
    public int MaxFieldLength { get; set; } = 1000;

    [JsonPropertyName("max_columns")]
    public int MaxColumns { get; set; } = 200;

    [JsonPropertyName("quarantine_reject_ratio")]
    public double QuarantineRejectRatio { get; set; } = 0.5;

    [JsonPropertyName("columns")]
    public List<ContractFileColumn> Columns { get; set; } = [];

    public FeedContract ToContract() => new()
    {
        Dataset = Feed,
        Version = Version,
        Title = Title,
        Documentation = Documentation,
        Table = Table,
        KeyColumns = Key,
        Duplicates = Duplicates,
        RecencyColumn = Recency,
        SchoolColumn = School,
        NullTokens = NullTokens,
        MaxFieldLength = MaxFieldLength,
        MaxColumns = MaxColumns,
        QuarantineRejectRatio = QuarantineRejectRatio,
        Columns = [.. Columns.Select(c => c.ToSpec())],
    };
}
