using System.Text;

namespace StudentMetrics.Cleaning.Contract;

/// <summary>A <see cref="ColumnSpec"/> turned into the byte-level form the hot loop reads (bounds scaled, words upper-cased).</summary>
internal sealed class CompiledColumn
{
    public CompiledColumn(ColumnSpec spec, FeedContract contract, DateOnly processingDay)
    {
        Spec = spec;
        Type = spec.Type;
        Required = spec.Required;
        Scale = spec.Scale;
        AllowsPercent = spec.AllowsPercent;
        MaxLength = spec.MaxLength;
        AllowsOrdinalSuffix = spec.AllowsOrdinalSuffix;
        var factor = Pow10(spec.Type == ColumnType.Decimal ? spec.Scale : 0);
        Min = spec.Min is { } min ? (long)(min * factor) : long.MinValue;
        Max = spec.Max is { } max ? (long)(max * factor) : long.MaxValue;
        Tokens = [.. spec.Tokens.Select(t => (Encoding.UTF8.GetBytes(t.Key.ToUpperInvariant()), t.Value))];
        Prefixes = [.. spec.Prefixes.Select(p => Encoding.UTF8.GetBytes(p.ToUpperInvariant()))];
        Periods = [.. spec.Periods.Select(p => Encoding.UTF8.GetBytes(p.ToUpperInvariant()))];
        if (spec.Type == ColumnType.Date)
        {
            Min = (spec.EarliestDate ?? DateOnly.MinValue).DayNumber;
            Max = spec.LatestDaysAfterProcessing is { } days ? processingDay.AddDays(days).DayNumber : DateOnly.MaxValue.DayNumber;
        }

        AtMost = spec.AtMost is null ? -1 : contract.IndexOf(spec.AtMost);
        if (spec.AtMost is not null && AtMost < 0)
        {
            throw new ArgumentException($"column {spec.Name}: AtMost names unknown column {spec.AtMost}", nameof(spec));
        }
    }

    public ColumnSpec Spec { get; }

    public ColumnType Type { get; }

    public bool Required { get; }

    public int Scale { get; }

    public bool AllowsPercent { get; }

    public int MaxLength { get; }

    public bool AllowsOrdinalSuffix { get; }

    /// <summary>Bounds in the value's stored unit: the integer, the decimal times 10^scale, or the date's day number.</summary>
    public long Min { get; }

    public long Max { get; }

    public (byte[] Word, int Value)[] Tokens { get; }

    public byte[][] Prefixes { get; }

    public byte[][] Periods { get; }

    /// <summary>Index of the column this one may not exceed, or -1.</summary>
    public int AtMost { get; }

    private static decimal Pow10(int n)
    {
        decimal f = 1;
        for (var i = 0; i < n; i++)
        {
            f *= 10;
        }

        return f;
    }
}
