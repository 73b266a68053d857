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
        MaxLength = spec.Values.Count > 0 ? spec.Values.Max(v => v.Length) : spec.MaxLength;
        AllowsOrdinalSuffix = spec.AllowsOrdinalSuffix;
        var factor = Pow10(spec.Type == ColumnType.Decimal ? spec.Scale : 0);
        // Without bounds of its own a number is bounded by what its column can store: a larger one could not be loaded.
        var range = ColumnStorage.Parse(spec.Storage).NumberRange;
        Min = spec.Min is { } min ? (long)(min * factor) : range is { } r ? (long)(r.Min * factor) : long.MinValue;
        Max = spec.Max is { } max ? (long)(max * factor) : range is { } q ? (long)(q.Max * factor) : long.MaxValue;
        Tokens = [.. spec.Tokens.Select(t => (Encoding.UTF8.GetBytes(t.Key.ToUpperInvariant()), t.Value))];
        Prefixes = [.. spec.Prefixes.Select(p => Encoding.UTF8.GetBytes(p.ToUpperInvariant()))];
        Periods = [.. spec.Periods.Select(p => Encoding.UTF8.GetBytes(p.ToUpperInvariant()))];
        Values = [.. spec.Values.Select(v => (Encoding.UTF8.GetBytes(v.ToUpperInvariant()), Encoding.UTF8.GetBytes(v)))];
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

    /// <summary>For a text column with listed values: each value upper-cased (to match) and as the contract writes it (to write).</summary>
    public (byte[] Match, byte[] Canonical)[] Values { get; }

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
