using System.Text;
using StudentMetrics.Reporting.Html;

namespace StudentMetrics.Reporting.Charts;

/// <summary>
/// Horizontal bars, one group per row and one bar per series, from a zero-based axis. A suppressed row is drawn as a
/// hatched placeholder with its note instead of bars, so a hidden school is visibly hidden rather than missing.
/// </summary>
internal static class HorizontalBarChart
{
    private const double Width = 640;
    private const double LabelWidth = 120;
    private const double ValueWidth = 56;
    private const double BarHeight = 16;
    private const double BarGap = 3;
    private const double RowGap = 12;
    private const double AxisHeight = 26;
    private const double CharWidth = 6.6;

    public static string Render(
        string id, string description, IReadOnlyList<ChartSeries> series, IReadOnlyList<BarRow> rows,
        ValueScale scale, Func<double, string> format, ReferenceLine? reference = null, Func<double, string>? tickFormat = null)
    {
        var top = (series.Count > 1 ? ChartLegend.Height : 0) + (reference is null ? 6 : 20);
        var rowHeight = series.Count * BarHeight + (series.Count - 1) * BarGap;
        var plotHeight = rows.Count * (rowHeight + RowGap);
        var height = top + plotHeight + AxisHeight;
        var plotWidth = Width - LabelWidth - ValueWidth;
        double? referenceX = reference is null ? null : LabelWidth + scale.Position(reference.Value, plotWidth);
        var svg = new StringBuilder();
        svg.Append($"<svg viewBox=\"0 0 {Width} {Formats.Svg(height)}\" role=\"img\" aria-label=\"{HtmlText.Escape(description)}\">");
        svg.Append($"<defs><pattern id=\"hatch-{id}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">" +
                   "<rect width=\"8\" height=\"8\" fill=\"#f1f3f6\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#c9ced6\" stroke-width=\"3\"/></pattern></defs>");
        if (series.Count > 1)
        {
            ChartLegend.Render(svg, series, LabelWidth);
        }

        foreach (var tick in scale.Ticks)
        {
            var x = LabelWidth + scale.Position(tick, plotWidth);
            svg.Append($"<line x1=\"{Formats.Svg(x)}\" y1=\"{Formats.Svg(top - 4)}\" x2=\"{Formats.Svg(x)}\" y2=\"{Formats.Svg(top + plotHeight)}\" class=\"grid\"/>");
            svg.Append($"<text x=\"{Formats.Svg(x)}\" y=\"{Formats.Svg(top + plotHeight + 16)}\" class=\"tick\" text-anchor=\"middle\">{HtmlText.Escape((tickFormat ?? format)(tick))}</text>");
        }

        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var y = top + r * (rowHeight + RowGap) + RowGap / 2;
            svg.Append($"<text x=\"{LabelWidth - 10}\" y=\"{Formats.Svg(y + rowHeight / 2 + 4)}\" class=\"label\" text-anchor=\"end\">{HtmlText.Escape(row.Label)}</text>");
            if (row.Suppressed)
            {
                svg.Append($"<rect data-mark=\"suppressed\" x=\"{LabelWidth}\" y=\"{Formats.Svg(y)}\" width=\"{Formats.Svg(plotWidth)}\" height=\"{Formats.Svg(rowHeight)}\" rx=\"3\" fill=\"url(#hatch-{id})\"><title>{HtmlText.Escape(row.Label + ": " + row.Note)}</title></rect>");
                svg.Append($"<text x=\"{LabelWidth + 10}\" y=\"{Formats.Svg(y + rowHeight / 2 + 4)}\" class=\"suppressed-note\">{HtmlText.Escape(row.Note)}</text>");
                continue;
            }

            for (var s = 0; s < series.Count; s++)
            {
                var barY = y + s * (BarHeight + BarGap);
                if (row.Values[s] is not { } value)
                {
                    svg.Append($"<text x=\"{LabelWidth + 6}\" y=\"{Formats.Svg(barY + BarHeight - 4)}\" class=\"no-data\">no data</text>");
                    continue;
                }

                var barWidth = Math.Max(scale.Position(value, plotWidth), 1.5);
                var text = format(value);
                svg.Append($"<rect data-mark=\"bar\" x=\"{LabelWidth}\" y=\"{Formats.Svg(barY)}\" width=\"{Formats.Svg(barWidth)}\" height=\"{BarHeight}\" rx=\"2\" fill=\"{series[s].Color}\">" +
                           $"<title>{HtmlText.Escape($"{row.Label} · {series[s].Name}: {text}")}</title></rect>");
                svg.Append(ValueLabel(text, LabelWidth + barWidth, barWidth, barY + BarHeight - 4, referenceX));
            }
        }

        svg.Append($"<line x1=\"{LabelWidth}\" y1=\"{Formats.Svg(top - 4)}\" x2=\"{LabelWidth}\" y2=\"{Formats.Svg(top + plotHeight)}\" class=\"axis\"/>");
        if (reference is not null)
        {
            var x = LabelWidth + scale.Position(reference.Value, plotWidth);
            svg.Append($"<line x1=\"{Formats.Svg(x)}\" y1=\"{Formats.Svg(top - 8)}\" x2=\"{Formats.Svg(x)}\" y2=\"{Formats.Svg(top + plotHeight)}\" class=\"reference\"/>");
            // Centred on the line, but kept inside the chart at either edge.
            var half = reference.Label.Length * CharWidth / 2;
            var labelX = Math.Clamp(x, LabelWidth + half, Width - half);
            svg.Append($"<text x=\"{Formats.Svg(labelX)}\" y=\"{Formats.Svg(top - 11)}\" class=\"reference-label\" text-anchor=\"middle\">{HtmlText.Escape(reference.Label)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    // A value label sits just past its bar's end; where the reference line would run through it, it moves inside the
    // bar (when the bar is long enough) or past the line.
    private static string ValueLabel(string text, double barEnd, double barWidth, double y, double? referenceX)
    {
        var width = text.Length * CharWidth;
        var x = barEnd + 5;
        if (referenceX is { } line && x - 3 <= line && line <= x + width + 3)
        {
            if (barWidth >= width + 12)
            {
                return $"<text x=\"{Formats.Svg(barEnd - 5)}\" y=\"{Formats.Svg(y)}\" class=\"value inside\" text-anchor=\"end\">{HtmlText.Escape(text)}</text>";
            }

            x = line + 5;
        }

        return $"<text x=\"{Formats.Svg(x)}\" y=\"{Formats.Svg(y)}\" class=\"value\">{HtmlText.Escape(text)}</text>";
    }
}
