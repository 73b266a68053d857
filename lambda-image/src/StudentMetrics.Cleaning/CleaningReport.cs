using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning;

/// <summary>The JSON report every processed file gets, cleaned or quarantined (the feed contract's "The report").</summary>
public sealed record CleaningReport
{
    [JsonPropertyName("dataset")]
    public required string Dataset { get; init; }

    /// <summary>The version of the contract that applied (<c>MAJOR.MINOR</c>).</summary>
    [JsonPropertyName("contract_version")]
    public required string ContractVersion { get; init; }

    [JsonPropertyName("source")]
    public required ReportSource Source { get; init; }

    /// <summary>The source the file came from and the schools it may send; null when no source registry applied.</summary>
    [JsonPropertyName("registration")]
    public ReportRegistration? Registration { get; init; }

    [JsonPropertyName("status")]
    public required FileStatus Status { get; init; }

    /// <summary>Why the file was quarantined; null for a cleaned file.</summary>
    [JsonPropertyName("reason")]
    public QuarantineReason? Reason { get; init; }

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

    /// <summary>Every object the run wrote (this report included), where the bucket or directory holds them.</summary>
    [JsonPropertyName("outputs")]
    public IReadOnlyList<ReportOutput> Outputs { get; init; } = [];
}
