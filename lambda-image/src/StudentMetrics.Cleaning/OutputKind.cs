using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning;

/// <summary>What an output of a processed file holds.</summary>
public enum OutputKind
{
    /// <summary>The cleaned rows (what is loaded).</summary>
    [JsonStringEnumMemberName("cleaned")]
    Cleaned,

    /// <summary>The rejected rows of a cleaned file, with their reasons.</summary>
    [JsonStringEnumMemberName("rejects")]
    Rejects,

    /// <summary>The JSON report (every file gets one).</summary>
    [JsonStringEnumMemberName("report")]
    Report,

    /// <summary>The raw file as it came, set aside.</summary>
    [JsonStringEnumMemberName("quarantined")]
    Quarantined,

    /// <summary>The rejected rows of a quarantined file, beside it.</summary>
    [JsonStringEnumMemberName("quarantine_rejects")]
    QuarantineRejects,

    /// <summary>The report again, beside the quarantined file.</summary>
    [JsonStringEnumMemberName("quarantine_report")]
    QuarantineReport,
}
