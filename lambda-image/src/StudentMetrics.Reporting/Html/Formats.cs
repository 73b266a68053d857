using System.Globalization;

namespace StudentMetrics.Reporting.Html;

/// <summary>How numbers read on the page: rates as percentages, scores with one decimal, counts with separators.</summary>
internal static class Formats
{
    public static string Percent(double rate, int decimals = 1) =>
        (rate * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + "%";

    public static string Percent(decimal? rate, int decimals = 1) => rate is { } r ? Percent((double)r, decimals) : "–";

    public static string Score(double score) => score.ToString("F1", CultureInfo.InvariantCulture);

    public static string Score(decimal? score) => score is { } s ? Score((double)s) : "–";

    public static string Count(long? count) => count is { } c ? c.ToString("N0", CultureInfo.InvariantCulture) : "–";

    /// <summary>A number for an SVG attribute: invariant, at most two decimals.</summary>
    public static string Svg(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);

    public static string Grade(short? gradeLevel) => gradeLevel switch
    {
        null => "All grades",
        -1 => "Pre-K",
        0 => "Kindergarten",
        var g => "Grade " + g.Value.ToString(CultureInfo.InvariantCulture),
    };

    public static string Subject(string subject) => subject switch
    {
        "math" => "Math",
        "reading" => "Reading",
        "science" => "Science",
        _ => subject,
    };
}
