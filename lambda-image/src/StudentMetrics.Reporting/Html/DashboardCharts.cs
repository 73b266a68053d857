using System.Globalization;
using System.Text;
using StudentMetrics.Reporting.Charts;
using StudentMetrics.Reporting.Data;

namespace StudentMetrics.Reporting.Html;

/// <summary>The chart cards: one per question the reporting views answer.</summary>
internal static class DashboardCharts
{
    private static readonly ChartSeries[] Subjects =
    [
        new("Math", "#3182ce"), new("Reading", "#38a169"), new("Science", "#805ad5"),
    ];

    private static readonly string[] BandColors = ["#e53e3e", "#ed8936", "#ecc94b", "#68d391", "#2f855a"];

    public static void Render(StringBuilder html, DashboardData data, string term)
    {
        var settings = data.Settings;
        var schools = data.Schools;
        html.Append("<section class=\"grid\">");

        var districtAttendance = data.Attendance.FirstOrDefault(a => a.Scope == "district" && a.Term == term);
        Card(html, "attendance-by-school", "Attendance rate by school", $"Share of enrolled days present, {term}.",
            HorizontalBarChart.Render("attendance-by-school", "Attendance rate by school", [new("Attendance rate", "#2b6cb0")],
                schools.Select(school => Row(school, data.Attendance.FirstOrDefault(a => a.Scope == "school" && a.SchoolId == school && a.Term == term),
                    a => a.Suppressed, a => a.SuppressionReason, a => a.Coded, a => [(double?)a.AttendanceRate], settings)).ToList(),
                ValueScale.Nice(0, 1), v => Formats.Percent(v),
                districtAttendance?.AttendanceRate is { } d ? new ReferenceLine((double)d, "District " + Formats.Percent(d)) : null, v => Formats.Percent(v, 0)),
            "Dashed line: the district rate.");

        var districtChronic = data.ChronicAbsence.FirstOrDefault(c => c.Scope == "district" && c.Term == term);
        var chronicRows = schools.Select(school => Row(school, data.ChronicAbsence.FirstOrDefault(c => c.Scope == "school" && c.SchoolId == school && c.Term == term),
            c => c.Suppressed, c => c.SuppressionReason, c => c.Coded, c => [(double?)c.ChronicAbsenceRate], settings)).ToList();
        Card(html, "chronic-absence-by-school", "Chronic absence by school",
            $"Students who missed {Formats.Percent(settings.ChronicAbsenceMissedAtLeast, 0)} or more of their enrolled days, {term}.",
            HorizontalBarChart.Render("chronic-absence-by-school", "Chronic absence rate by school", [new("Chronically absent", "#dd6b20")],
                chronicRows, ValueScale.Nice(0, MaxOf(chronicRows, (double?)districtChronic?.ChronicAbsenceRate, 0.1)), v => Formats.Percent(v),
                districtChronic?.ChronicAbsenceRate is { } dc ? new ReferenceLine((double)dc, "District " + Formats.Percent(dc)) : null, v => Formats.Percent(v, 0)),
            "Dashed line: the district rate. Lower is better.");

        var scoreRows = new List<BarRow> { ScoreRow("All schools", data.AverageScores.Where(s => s.Scope == "district" && s.Term == term).ToList(), settings) };
        scoreRows.AddRange(schools.Select(school => ScoreRow(school, data.AverageScores.Where(s => s.Scope == "school" && s.SchoolId == school && s.Term == term).ToList(), settings)));
        Card(html, "scores-by-school", "Average scores by subject and school", $"Mean score out of 100, {term}.",
            HorizontalBarChart.Render("scores-by-school", "Average scores by subject and school", Subjects, scoreRows, ValueScale.Nice(0, 100), Formats.Score),
            "Counts of students behind each average are in the school table below.");

        var bandNames = data.ScoreBands.Select(b => (b.BandOrder, b.Band)).Distinct().OrderBy(b => b.BandOrder).ToList();
        var bandSeries = bandNames.Select((b, i) => new ChartSeries(b.Band, BandColors[Math.Min(i, BandColors.Length - 1)])).ToList();
        var bandRows = new[] { "math", "reading", "science" }.Select(subject =>
        {
            var rows = data.ScoreBands.Where(b => b.Scope == "district" && b.Term == term && b.Subject == subject).OrderBy(b => b.BandOrder).ToList();
            var label = Formats.Subject(subject);
            return rows.Count == 0 ? new BarRow(label, [], true, "no scores")
                : rows[0].Suppressed ? new BarRow(label, [], true, SuppressionText.For(rows[0].SuppressionReason, settings))
                : new BarRow(label, bandNames.Select(n => (double?)rows.FirstOrDefault(r => r.BandOrder == n.BandOrder)?.Share).ToList());
        }).ToList();
        Card(html, "score-distribution", "Score distribution", $"Share of students in each score band, all schools, {term}.",
            StackedShareChart.Render("score-distribution", "Score distribution by subject", bandSeries, bandRows),
            $"Below {Formats.Score(settings.AtRiskScoreBelow)} counts as failing a subject in the at-risk indicators.");

        var districtRisk = data.AtRisk.FirstOrDefault(a => a.Scope == "district" && a.Term == term);
        var riskRows = schools.Select(school => Row(school, data.AtRisk.FirstOrDefault(a => a.Scope == "school" && a.SchoolId == school && a.Term == term),
            a => a.Suppressed, a => a.SuppressionReason, a => a.AtRisk.Coded, a => [(double?)a.AtRiskRate], settings)).ToList();
        Card(html, "at-risk-by-school", "Students at risk by school", $"Share of students with at least one early-warning indicator, {term}.",
            HorizontalBarChart.Render("at-risk-by-school", "Students at risk by school", [new("At risk", "#c53030")], riskRows,
                ValueScale.Nice(0, MaxOf(riskRows, (double?)districtRisk?.AtRiskRate, 0.1)), v => Formats.Percent(v),
                districtRisk?.AtRiskRate is { } dr ? new ReferenceLine((double)dr, "District " + Formats.Percent(dr)) : null, v => Formats.Percent(v, 0)),
            "Dashed line: the district rate. Indicators are defined at the foot of the page.");

        var indicatorRows = districtRisk is null ? [] : new List<BarRow>
        {
            IndicatorRow("Low attendance", districtRisk.LowAttendance, settings),
            IndicatorRow("Low scores", districtRisk.LowScores, settings),
            IndicatorRow("Many incidents", districtRisk.ManyIncidents, settings),
            IndicatorRow("Two or more", districtRisk.MultipleIndicators, settings),
        };
        if (districtRisk?.Suppressed == true)
        {
            indicatorRows = [new BarRow("All schools", [], true, SuppressionText.For(districtRisk.SuppressionReason, settings))];
        }

        Card(html, "at-risk-indicators", "Early-warning indicators", $"Students raising each indicator, all schools, {term}.",
            HorizontalBarChart.Render("at-risk-indicators", "Students by early-warning indicator", [new("Students", "#9b2c2c")], indicatorRows,
                ValueScale.Nice(0, Math.Max(5, indicatorRows.SelectMany(r => r.Values).Max() ?? 0)), v => Formats.Count((long)Math.Round(v))),
            $"Low attendance: chronically absent. Low scores: any subject below {Formats.Score(settings.AtRiskScoreBelow)}. " +
            $"Many incidents: {settings.AtRiskIncidentsAtLeast.ToString(CultureInfo.InvariantCulture)} or more behaviour incidents in the term.");

        var gradeRows = data.Attendance.Where(a => a.Scope == "grade" && a.Term == term).OrderBy(a => a.GradeLevel)
            .Select(a => Row(Formats.Grade(a.GradeLevel), a, x => x.Suppressed, x => x.SuppressionReason, x => x.Coded, x => [(double?)x.AttendanceRate], settings)).ToList();
        Card(html, "attendance-by-grade", "Attendance rate by grade", $"All schools, {term}.",
            HorizontalBarChart.Render("attendance-by-grade", "Attendance rate by grade", [new("Attendance rate", "#319795")], gradeRows,
                ValueScale.Nice(0, 1), v => Formats.Percent(v),
                districtAttendance?.AttendanceRate is { } dg ? new ReferenceLine((double)dg, "District " + Formats.Percent(dg)) : null, v => Formats.Percent(v, 0)),
            "Dashed line: the district rate.");

        var gradeScoreRows = data.AverageScores.Where(s => s.Scope == "grade" && s.Term == term).GroupBy(s => s.GradeLevel).OrderBy(g => g.Key)
            .Select(g => ScoreRow(Formats.Grade(g.Key), g.ToList(), settings)).ToList();
        Card(html, "scores-by-grade", "Average scores by grade", $"Mean score out of 100, all schools, {term}.",
            HorizontalBarChart.Render("scores-by-grade", "Average scores by subject and grade", Subjects, gradeScoreRows, ValueScale.Nice(0, 100), Formats.Score),
            "Grades are counted across all schools; a grade with too few students is suppressed like a school.");

        var terms = data.Terms;
        var attendanceTrend = terms.Select(t => (double?)data.Attendance.FirstOrDefault(a => a.Scope == "district" && a.Term == t)?.AttendanceRate).ToList();
        var chronicTrend = terms.Select(t => (double?)data.ChronicAbsence.FirstOrDefault(c => c.Scope == "district" && c.Term == t)?.ChronicAbsenceRate).ToList();
        Card(html, "attendance-trend", "Attendance over time", "All schools, by term.",
            LineChart.Render("Attendance and chronic absence by term", terms,
                [new("Attendance rate", "#2b6cb0"), new("Chronically absent", "#dd6b20")], [attendanceTrend, chronicTrend],
                ValueScale.Nice(0, 1), v => Formats.Percent(v), v => Formats.Percent(v, 0)),
            "Both as a share: of enrolled days (attendance) and of students (chronic absence).");

        var scoreTrend = new[] { "math", "reading", "science" }.Select(subject =>
            (IReadOnlyList<double?>)terms.Select(t => (double?)data.AverageScores.FirstOrDefault(s => s.Scope == "district" && s.Subject == subject && s.Term == t)?.AverageScore).ToList()).ToList();
        var known = scoreTrend.SelectMany(v => v).OfType<double>().ToList();
        Card(html, "scores-trend", "Average scores over time", "All schools, by term and subject.",
            LineChart.Render("Average scores by term", terms, Subjects, scoreTrend,
                known.Count == 0 ? ValueScale.Nice(0, 100) : ValueScale.Nice(Math.Max(0, known.Min() - 5), Math.Min(100, known.Max() + 5)), Formats.Score),
            "The axis is zoomed to the range of the averages.");

        html.Append("</section>");
    }

    private static BarRow Row<T>(string label, T? row, Func<T, bool> suppressed, Func<T, string?> reason, Func<T, string?> coded, Func<T, double?[]> values, ReportingSettings settings)
        where T : class =>
        row is null ? new BarRow(label, [null])
        : suppressed(row) ? new BarRow(label, [], true, SuppressionText.For(reason(row), settings))
        : coded(row) is { } range ? new BarRow(label, [], true, SuppressionText.Coded(range, settings))
        : new BarRow(label, values(row));

    private static BarRow IndicatorRow(string label, IndicatorValue value, ReportingSettings settings) =>
        value.Count is { } count ? new BarRow(label, [count])
        : value.Coded is { } range ? new BarRow(label, [], true, SuppressionText.Coded(range, settings))
        : new BarRow(label, [], true, SuppressionText.For(null, settings));

    private static BarRow ScoreRow(string label, List<AverageScoreRow> rows, ReportingSettings settings)
    {
        if (rows.Count > 0 && rows.All(r => r.Suppressed))
        {
            return new BarRow(label, [], true, SuppressionText.For(rows[0].SuppressionReason, settings));
        }

        return new BarRow(label, new[] { "math", "reading", "science" }
            .Select(subject => (double?)rows.FirstOrDefault(r => r.Subject == subject)?.AverageScore).ToList());
    }

    private static double MaxOf(IEnumerable<BarRow> rows, double? reference, double floor) =>
        Math.Max(floor, Math.Max(reference ?? 0, rows.SelectMany(r => r.Values).Max() ?? 0));

    private static void Card(StringBuilder html, string id, string title, string subtitle, string svg, string note)
    {
        html.Append($"<figure class=\"card\" data-chart=\"{id}\"><h2>{HtmlText.Escape(title)}</h2>");
        html.Append($"<p class=\"subtitle\">{HtmlText.Escape(subtitle)}</p>{svg}");
        html.Append($"<figcaption class=\"note\">{HtmlText.Escape(note)}</figcaption></figure>");
    }
}
