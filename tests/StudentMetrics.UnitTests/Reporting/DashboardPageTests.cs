using StudentMetrics.Reporting.Data;
using StudentMetrics.Reporting.Html;

namespace StudentMetrics.UnitTests.Reporting;

public sealed class DashboardPageTests
{
    private const string Term = "2024-2025-S2";
    private static readonly ReportingSettings Settings = new(10, 0.1m, 10, 60m, 3, 35);

    [Fact]
    public void A_suppressed_school_shows_why_and_none_of_its_figures()
    {
        var data = new DashboardData(Settings, [Term], new SnapshotStatus(DateTimeOffset.UnixEpoch, 0),
            [
                new AttendanceRow("district", "All schools", null, "All grades", Term, false, null, 40, 0.9321m),
                new AttendanceRow("school", "OPEN", null, "All grades", Term, false, null, 31, 0.9412m),
                new AttendanceRow("school", "HIDDEN", null, "All grades", Term, true, "small_group", null, null),
            ],
            [], [new AverageScoreRow("school", "math", "OPEN", null, "All grades", Term, false, null, 31, 71.2m)], [],
            [
                new AtRiskRow("district", "All schools", Term, false, null, 40, new(12, 0.3m, null), new(null, null, "< 25%"),
                    new(10, 0.25m, null), new(14, 0.35m, null), new(null, null, "< 25%")),
                new AtRiskRow("school", "OPEN", Term, false, null, 31, new(null, null, "< 33%"), IndicatorValue.Hidden,
                    IndicatorValue.Hidden, IndicatorValue.Hidden, IndicatorValue.Hidden),
                new AtRiskRow("school", "HIDDEN", Term, true, "small_group", null, IndicatorValue.Hidden, IndicatorValue.Hidden,
                    IndicatorValue.Hidden, IndicatorValue.Hidden, IndicatorValue.Hidden),
            ],
            []);

        var html = DashboardPage.Render(data, DateTimeOffset.UnixEpoch);

        var hiddenRow = RowOf(html, "HIDDEN");
        hiddenRow.ShouldContain("Suppressed: fewer than 10 students");
        hiddenRow.ShouldNotContain("%");
        hiddenRow.ShouldNotContain("class=\"num\"");
        var openRow = RowOf(html, "OPEN");
        openRow.ShouldContain("94.1%");
        openRow.ShouldContain("71.2");
        html.ShouldContain("93.2%");
        openRow.ShouldContain("&lt; 33%");
    }

    [Fact]
    public void A_district_indicator_of_fewer_than_the_threshold_shows_a_range_never_a_count()
    {
        var data = new DashboardData(Settings, [Term], null, [], [], [], [],
            [new AtRiskRow("district", "All schools", Term, false, null, 40, new(12, 0.3m, null), new(null, null, "< 25%"),
                new(10, 0.25m, null), new(14, 0.35m, null), new(null, null, "< 25%"))],
            []);

        var html = DashboardPage.Render(data, DateTimeOffset.UnixEpoch);

        var chart = html[html.IndexOf("data-chart=\"at-risk-indicators\"", StringComparison.Ordinal)..];
        chart = chart[..chart.IndexOf("</figure>", StringComparison.Ordinal)];
        chart.ShouldContain("Many incidents");
        chart.ShouldContain("&lt; 25% of students");
        chart.ShouldNotContain(">1<");
    }

    [Fact]
    public void An_empty_database_gives_a_page_that_says_so_instead_of_empty_charts()
    {
        var html = DashboardPage.Render(new DashboardData(Settings, [], null, [], [], [], [], [], []), DateTimeOffset.UnixEpoch);
        html.ShouldContain("hold no data yet");
        html.ShouldNotContain("data-chart");
    }

    private static string RowOf(string html, string school)
    {
        var start = html.IndexOf($"<td>{school}</td>", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, school);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
