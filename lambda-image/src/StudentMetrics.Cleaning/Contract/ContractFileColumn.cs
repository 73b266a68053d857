using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning.Contract;

/// <summary>One column of a contract file (see <see cref="ContractFile"/>); each member is documented on <see cref="ColumnSpec"/>.</summary>
internal sealed class ContractFileColumn
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("aliases")]
    public List<string> Aliases { get; set; } = [];

    [JsonPropertyName("type")]
    public ColumnType Type { get; set; }

    [JsonPropertyName("storage")]
    public string Storage { get; set; } = "";

    [JsonPropertyName("required")]
    public bool Required { get; set; }

    [JsonPropertyName("min")]
    public decimal? Min { get; set; }

    [JsonPropertyName("max")]
    public decimal? Max { get; set; }

    [JsonPropertyName("scale")]
    public int Scale { get; set; }

    [JsonPropertyName("percent")]
    public bool Percent { get; set; }

    [JsonPropertyName("max_length")]
    public int MaxLength { get; set; }

    [JsonPropertyName("tokens")]
    public Dictionary<string, int> Tokens { get; set; } = [];

    [JsonPropertyName("prefixes")]
    public List<string> Prefixes { get; set; } = [];

    [JsonPropertyName("ordinal_suffix")]
    public bool OrdinalSuffix { get; set; }

    [JsonPropertyName("at_most")]
    public string? AtMost { get; set; }

    [JsonPropertyName("at_most_code")]
    public string? AtMostCode { get; set; }

    [JsonPropertyName("periods")]
    public List<string> Periods { get; set; } = [];

    [JsonPropertyName("values")]
    public List<string> Values { get; set; } = [];

    [JsonPropertyName("earliest")]
    public DateOnly? Earliest { get; set; }

    [JsonPropertyName("latest_days_after_processing")]
    public int? LatestDaysAfterProcessing { get; set; }

    public ColumnSpec ToSpec() => new()
    {
        Name = Name,
        Aliases = Aliases,
        Type = Type,
        Storage = Storage,
        Required = Required,
        Min = Min,
        Max = Max,
        Scale = Scale,
        AllowsPercent = Percent,
        MaxLength = MaxLength,
        Tokens = Tokens,
        Prefixes = Prefixes,
        AllowsOrdinalSuffix = OrdinalSuffix,
        AtMost = AtMost,
        AtMostCode = AtMostCode,
        Periods = Periods,
        Values = Values,
        EarliestDate = Earliest,
        LatestDaysAfterProcessing = LatestDaysAfterProcessing,
    };
}
