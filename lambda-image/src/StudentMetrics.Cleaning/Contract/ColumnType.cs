namespace StudentMetrics.Cleaning.Contract;

/// <summary>How a column's raw text is read and written back in canonical form.</summary>
public enum ColumnType
{
    /// <summary>Upper-cased code of letters, digits, <c>-</c> and <c>_</c> (ids).</summary>
    Code,

    /// <summary>Whole number; <c>12.0</c> is accepted; word tokens, prefixes and ordinal suffixes as the column allows.</summary>
    Integer,

    /// <summary>Decimal rounded (half away from zero) to the column's scale.</summary>
    Decimal,

    /// <summary>School term, canonical <c>YYYY-YYYY-P</c>.</summary>
    Term,

    /// <summary>Calendar date, canonical ISO <c>YYYY-MM-DD</c>.</summary>
    Date,
}
