using System.Text;
using StudentMetrics.Reporting.Html;

namespace StudentMetrics.Reporting.Charts;

/// <summary>Lines over ordered categories (terms), one per series, with a point and its value at every category.</summary>
internal static class LineChart
{
    private const double Width = 640;
    private const double Height = 250;
    private const double Left = 56;
    private const double Right = 48;
    private const double Bottom = 30;

    public static string Render(
        string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series,
        IReadOnlyList<IReadOnlyList<double?>> values, ValueScale scale, Func<double, string> format, Func<double, string>? tickFormat = null)
    {
        var top = ChartLegend.Height + 12;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - top - Bottom;
        var svg = new StringBuilder();
        svg.Append($"<svg viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{HtmlText.Escape(description)}\">");
        ChartLegend.Render(svg, series, Left);
        foreach (var tick in scale.Ticks)
        {
            var y = top + plotHeight - scale.Position(tick, plotHeight);
            svg.Append($"<line x1=\"{Left}\" y1=\"{Formats.Svg(y)}\" x2=\"{Width - Right}\" y2=\"{Formats.Svg(y)}\" class=\"grid\"/>");
            svg.Append($"<text x=\"{Left - 8}\" y=\"{Formats.Svg(y + 4)}\" class=\"tick\" text-anchor=\"end\">{HtmlText.Escape((tickFormat ?? format)(tick))}</text>");
        }

        double X(int i) => Left + (categories.Count == 1 ? plotWidth / 2 : plotWidth * (0.1 + 0.8 * i / (categories.Count - 1)));
        double Y(double v) => top + plotHeight - scale.Position(v, plotHeight);

        for (var i = 0; i < categories.Count; i++)
        {
            svg.Append($"<text x=\"{Formats.Svg(X(i))}\" y=\"{Formats.Svg(Height - 10)}\" class=\"tick\" text-anchor=\"middle\">{HtmlText.Escape(categories[i])}</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var points = Enumerable.Range(0, categories.Count).Where(i => values[s][i] is not null).ToList();
            if (points.Count > 1)
            {
                var path = string.Join(" ", points.Select((i, n) => $"{(n == 0 ? 'M' : 'L')}{Formats.Svg(X(i))},{Formats.Svg(Y(values[s][i]!.Value))}"));
                svg.Append($"<path data-mark=\"line\" d=\"{path}\" fill=\"none\" stroke=\"{series[s].Color}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>");
            }

            foreach (var i in points)
            {
                var value = values[s][i]!.Value;
                var text = format(value);
                svg.Append($"<circle data-mark=\"point\" cx=\"{Formats.Svg(X(i))}\" cy=\"{Formats.Svg(Y(value))}\" r=\"4.5\" fill=\"#fff\" stroke=\"{series[s].Color}\" stroke-width=\"2.5\">" +
                           $"<title>{HtmlText.Escape($"{series[s].Name}, {categories[i]}: {text}")}</title></circle>");
            }
        }

        // Value labels sit beside the end points (above the inner ones), pushed apart where series run close together.
        for (var i = 0; i < categories.Count; i++)
        {
            var first = i == 0 && categories.Count > 1;
            var last = i == categories.Count - 1 && categories.Count > 1;
            var labels = Enumerable.Range(0, series.Count).Where(s => values[s][i] is not null)
                .Select(s => (Series: s, Y: Y(values[s][i]!.Value) + (first || last ? 4 : -9))).OrderBy(l => l.Y).ToList();
            for (var k = 1; k < labels.Count; k++)
            {
                if (labels[k].Y < labels[k - 1].Y + 13)
                {
                    labels[k] = labels[k] with { Y = labels[k - 1].Y + 13 };
                }
            }

            var (dx, anchor) = first ? (-10, "end") : last ? (10, "start") : (0, "middle");
            foreach (var (s, y) in labels)
            {
                svg.Append($"<text x=\"{Formats.Svg(X(i) + dx)}\" y=\"{Formats.Svg(y)}\" text-anchor=\"{anchor}\" class=\"value\" fill=\"{series[s].Color}\">{HtmlText.Escape(format(values[s][i]!.Value))}</text>");
            }
        }

        svg.Append($"<line x1=\"{Left}\" y1=\"{Formats.Svg(top + plotHeight)}\" x2=\"{Width - Right}\" y2=\"{Formats.Svg(top + plotHeight)}\" class=\"axis\"/>");
        svg.Append("</svg>");
        return svg.ToString();
    }
}
