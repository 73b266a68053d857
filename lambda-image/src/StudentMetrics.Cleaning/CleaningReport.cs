using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning;

/// <summary>The JSON report every processed file gets, cleaned or quarantined (the feed contract's "The report").</summary>
public sealed class CleaningReport
{
    [JsonPropertyName("dataset")]
    public required string Dataset { get; init; }

    [JsonPropertyName("contract_version")]
    public required int ContractVersion { get; init; }

    [JsonPropertyName("source")]
    public required ReportSource Source { get; init; }

    [JsonPropertyName("status")]
    public required FileStatus Status { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("rows_read")]
    public long RowsRead { get; init; }

    [JsonPropertyName("rows_clean")]
    public long RowsClean { get; init; }

    [JsonPropertyName("rows_rejected")]
    public long RowsRejected { get; init; }

    [JsonPropertyName("reject_reasons")]
    public IReadOnlyDictionary<string, long> RejectReasons { get; init; } = new Dictionary<string, long>();

    [JsonPropertyName("unknown_columns")]
    public IReadOnlyList<string> UnknownColumns { get; init; } = [];

    [JsonPropertyName("encoding")]
    public required string Encoding { get; init; }

    [JsonPropertyName("delimiter")]
    public required string Delimiter { get; init; }

    [JsonPropertyName("started_at")]
    public DateTimeOffset StartedAt { get; init; }

    [JsonPropertyName("duration_ms")]
    public long DurationMs { get; init; }
}
