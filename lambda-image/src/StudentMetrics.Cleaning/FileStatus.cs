using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning;

public enum FileStatus
{
    [JsonStringEnumMemberName("cleaned")]
    Cleaned,

    [JsonStringEnumMemberName("quarantined")]
    Quarantined,
}
