using System.Xml.Linq;
using StudentMetrics.Reporting.Charts;
using StudentMetrics.Reporting.Html;

namespace StudentMetrics.UnitTests.Reporting;

public sealed class HorizontalBarChartTests
{
    private static readonly ChartSeries[] Series = [new("Math", "#3182ce"), new("Reading", "#38a169")];

    [Fact]
    public void Each_value_gets_a_bar_proportional_to_it_and_a_suppressed_row_only_its_placeholder()
    {
        var svg = XDocument.Parse(HorizontalBarChart.Render("t", "test", Series,
        [
            new BarRow("SCH-A", [50, 100]),
            new BarRow("SCH-B", [], Suppressed: true, Note: "Suppressed: fewer than 10 students"),
            new BarRow("SCH-C", [25, null]),
        ], ValueScale.Nice(0, 100), Formats.Score));

        var bars = svg.Descendants().Where(e => (string?)e.Attribute("data-mark") == "bar").ToList();
        bars.Count.ShouldBe(3);
        var widths = bars.Select(b => double.Parse(b.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        widths[1].ShouldBe(widths[0] * 2, 0.01);
        widths[2].ShouldBe(widths[0] / 2, 0.01);
        svg.Descendants().Count(e => (string?)e.Attribute("data-mark") == "suppressed").ShouldBe(1);
        var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
        texts.ShouldContain("Suppressed: fewer than 10 students");
        texts.ShouldContain("no data");
        texts.ShouldContain("50.0");
    }

    [Fact]
    public void School_names_are_escaped_inside_the_svg()
    {
        var svg = HorizontalBarChart.Render("t", "test", Series, [new BarRow("<b>&", [1, 2])], ValueScale.Nice(0, 10), Formats.Score);
        XDocument.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ShouldContain("<b>&");
        svg.ShouldNotContain("<b>&<");
    }
}
