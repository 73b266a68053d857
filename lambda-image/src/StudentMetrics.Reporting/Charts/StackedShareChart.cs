using System.Text;
using StudentMetrics.Reporting.Html;

namespace StudentMetrics.Reporting.Charts;

/// <summary>One 100% bar per row, split into the series' shares (a distribution), labelled where there is room.</summary>
internal static class StackedShareChart
{
    private const double Width = 640;
    private const double LabelWidth = 120;
    private const double Right = 16;
    private const double BarHeight = 26;
    private const double RowGap = 14;
    private const double AxisHeight = 24;

    public static string Render(string id, string description, IReadOnlyList<ChartSeries> series, IReadOnlyList<BarRow> rows)
    {
        var top = ChartLegend.Height + 8;
        var plotWidth = Width - LabelWidth - Right;
        var plotHeight = rows.Count * (BarHeight + RowGap);
        var height = top + plotHeight + AxisHeight;
        var svg = new StringBuilder();
        svg.Append($"<svg viewBox=\"0 0 {Width} {Formats.Svg(height)}\" role=\"img\" aria-label=\"{HtmlText.Escape(description)}\">");
        svg.Append($"<defs><pattern id=\"hatch-{id}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">" +
                   "<rect width=\"8\" height=\"8\" fill=\"#f1f3f6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#c9ced6\" stroke-width=\"3\"/></pattern></defs>");
        ChartLegend.Render(svg, series, LabelWidth);
        foreach (var tick in new[] { 0, 0.25, 0.5, 0.75, 1 })
        {
            var x = LabelWidth + tick * plotWidth;
            svg.Append($"<line x1=\"{Formats.Svg(x)}\" y1=\"{Formats.Svg(top)}\" x2=\"{Formats.Svg(x)}\" y2=\"{Formats.Svg(top + plotHeight)}\" class=\"grid\"/>");
            svg.Append($"<text x=\"{Formats.Svg(x)}\" y=\"{Formats.Svg(top + plotHeight + 16)}\" class=\"tick\" text-anchor=\"middle\">{Formats.Percent(tick, 0)}</text>");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var y = top + r * (BarHeight + RowGap) + RowGap / 2;
            svg.Append($"<text x=\"{LabelWidth - 10}\" y=\"{Formats.Svg(y + BarHeight / 2 + 4)}\" class=\"label\" text-anchor=\"end\">{HtmlText.Escape(row.Label)}</text>");
            if (row.Suppressed)
            {
                svg.Append($"<rect data-mark=\"suppressed\" x=\"{LabelWidth}\" y=\"{Formats.Svg(y)}\" width=\"{Formats.Svg(plotWidth)}\" height=\"{BarHeight}\" rx=\"3\" fill=\"url(#hatch-{id})\"/>");
                svg.Append($"<text x=\"{LabelWidth + 10}\" y=\"{Formats.Svg(y + BarHeight / 2 + 4)}\" class=\"suppressed-note\">{HtmlText.Escape(row.Note)}</text>");
                continue;
            }

            var x = LabelWidth;
            for (var s = 0; s < series.Count; s++)
            {
                var share = row.Values[s] ?? 0;
                var segment = share * plotWidth;
                if (segment <= 0)
                {
                    continue;
                }

                svg.Append($"<rect data-mark=\"segment\" x=\"{Formats.Svg(x)}\" y=\"{Formats.Svg(y)}\" width=\"{Formats.Svg(segment)}\" height=\"{BarHeight}\" fill=\"{series[s].Color}\">" +
                           $"<title>{HtmlText.Escape($"{row.Label} · {series[s].Name}: {Formats.Percent(share)}")}</title></rect>");
                if (segment >= 34)
                {
                    svg.Append($"<text x=\"{Formats.Svg(x + segment / 2)}\" y=\"{Formats.Svg(y + BarHeight / 2 + 4)}\" class=\"segment-label\" text-anchor=\"middle\">{Formats.Percent(share, 0)}</text>");
                }

                x += segment;
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
