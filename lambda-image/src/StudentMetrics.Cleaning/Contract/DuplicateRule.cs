using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning.Contract;

/// <summary>Which rows of one file are the same row.</summary>
public enum DuplicateRule
{
    /// <summary>Rows with the same key: the latest by the recency column is kept (a tie: the later row).</summary>
    [JsonStringEnumMemberName("key")]
    Key,

    /// <summary>Rows identical in every column (a feed without an id): the later one is kept.</summary>
    [JsonStringEnumMemberName("identical_rows")]
    IdenticalRows,
}
