namespace StudentMetrics.Cleaning.Contract;

/// <summary>One column of a feed, as its contract file describes it: the names it may come under, its type, how it is stored and the rules its values obey.</summary>
public sealed record ColumnSpec
{
    public required string Name { get; init; }

    /// <summary>Other header names accepted for the column (matched like the name itself).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public required ColumnType Type { get; init; }

    /// <summary>The PostgreSQL type the column is stored as (<c>text</c>, <c>smallint</c>, <c>numeric(5,2)</c>, <c>date</c>...).</summary>
    public required string Storage { get; init; }

    /// <summary>A null (or an absent column) rejects the row.</summary>
    public bool Required { get; init; }

    /// <summary>Inclusive bounds of <see cref="ColumnType.Integer"/> and <see cref="ColumnType.Decimal"/> values; without them, what the storage type holds.</summary>
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    /// <summary>Decimal places kept by <see cref="ColumnType.Decimal"/>.</summary>
    public int Scale { get; init; }

    /// <summary>A trailing <c>%</c> is accepted (scores written as percentages).</summary>
    public bool AllowsPercent { get; init; }

    /// <summary>Longest <see cref="ColumnType.Code"/> or <see cref="ColumnType.Text"/> value.</summary>
    public int MaxLength { get; init; }

    /// <summary>Whole-value words that stand for a number (case-insensitive), e.g. <c>K</c> for grade 0.</summary>
    public IReadOnlyDictionary<string, int> Tokens { get; init; } = new Dictionary<string, int>();

    /// <summary>Words that may precede an integer (case-insensitive), e.g. <c>Grade</c> in <c>Grade 9</c>.</summary>
    public IReadOnlyList<string> Prefixes { get; init; } = [];

    /// <summary>An integer may carry an English ordinal suffix (<c>9th</c>, <c>1st</c>).</summary>
    public bool AllowsOrdinalSuffix { get; init; }

    /// <summary>Name of an integer column this one may not exceed, and the code a row breaking that gets.</summary>
    public string? AtMost { get; init; }

    public string? AtMostCode { get; init; }

    /// <summary>For <see cref="ColumnType.Term"/>: the accepted period codes.</summary>
    public IReadOnlyList<string> Periods { get; init; } = [];

    /// <summary>For <see cref="ColumnType.Text"/>: the values accepted (case-insensitive, written as listed); none: any text.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>For <see cref="ColumnType.Date"/>: the earliest accepted date.</summary>
    public DateOnly? EarliestDate { get; init; }

    /// <summary>For <see cref="ColumnType.Date"/>: the latest accepted date is the day of processing plus this many days.</summary>
    public int? LatestDaysAfterProcessing { get; init; }
}
