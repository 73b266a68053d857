using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning.Contract;

/// <summary>How a column's raw text is read and written back in canonical form.</summary>
public enum ColumnType
{
    /// <summary>Upper-cased code of letters, digits, <c>-</c> and <c>_</c> (ids).</summary>
    [JsonStringEnumMemberName("code")]
    Code,

    /// <summary>Whole number; <c>12.0</c> is accepted; word tokens, prefixes and ordinal suffixes as the column allows.</summary>
    [JsonStringEnumMemberName("integer")]
    Integer,

    /// <summary>Decimal rounded (half away from zero) to the column's scale.</summary>
    [JsonStringEnumMemberName("decimal")]
    Decimal,

    /// <summary>School term, canonical <c>YYYY-YYYY-P</c>.</summary>
    [JsonStringEnumMemberName("term")]
    Term,

    /// <summary>Calendar date, canonical ISO <c>YYYY-MM-DD</c>.</summary>
    [JsonStringEnumMemberName("date")]
    Date,

    /// <summary>Free text, kept as it came (trimmed), up to the column's length: a category, a label.</summary>
    [JsonStringEnumMemberName("text")]
    Text,
}
