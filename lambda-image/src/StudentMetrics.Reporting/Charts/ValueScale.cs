namespace StudentMetrics.Reporting.Charts;

/// <summary>A linear axis with "nice" round ticks (steps of 1, 2 or 5 times a power of ten) covering the data.</summary>
internal sealed record ValueScale(double Min, double Max, IReadOnlyList<double> Ticks)
{
    public static ValueScale Nice(double min, double max, int maxTicks = 6)
    {
        if (double.IsNaN(min) || double.IsNaN(max) || maxTicks < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTicks), "a scale needs numbers and at least two ticks");
        }

        if (max <= min)
        {
            max = min + (min == 0 ? 1 : Math.Abs(min) * 0.1);
        }

        var step = NiceStep((max - min) / (maxTicks - 1));
        var low = Math.Floor(min / step) * step;
        var high = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var i = 0; low + i * step <= high + step / 2; i++)
        {
            ticks.Add(Math.Round(low + i * step, 10));
        }

        return new ValueScale(ticks[0], ticks[^1], ticks);
    }

    /// <summary>Where <paramref name="value"/> falls on an axis <paramref name="length"/> long, clamped to it.</summary>
    public double Position(double value, double length) =>
        Math.Clamp((value - Min) / (Max - Min), 0, 1) * length;

    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
