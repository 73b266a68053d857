using System.Text;
using StudentMetrics.Reporting.Html;

namespace StudentMetrics.Reporting.Charts;

/// <summary>A one-line legend drawn at the top of a chart.</summary>
internal static class ChartLegend
{
    public const double Height = 24;

    public static void Render(StringBuilder svg, IReadOnlyList<ChartSeries> series, double x)
    {
        foreach (var item in series)
        {
            svg.Append($"<rect x=\"{Formats.Svg(x)}\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{item.Color}\"/>");
            svg.Append($"<text x=\"{Formats.Svg(x + 17)}\" y=\"16\" class=\"legend\">{HtmlText.Escape(item.Name)}</text>");
            x += 17 + item.Name.Length * 6.6 + 18;
        }
    }
}
