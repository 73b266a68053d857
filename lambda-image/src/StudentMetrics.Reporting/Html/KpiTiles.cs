using System.Text;
using StudentMetrics.Reporting.Data;

namespace StudentMetrics.Reporting.Html;

/// <summary>The headline numbers for the district in the latest term, each compared with the term before.</summary>
internal static class KpiTiles
{
    public static void Render(StringBuilder html, DashboardData data, string term)
    {
        var previous = data.PreviousTerm;
        var attendance = District(data.Attendance, term);
        var attendanceBefore = previous is null ? null : District(data.Attendance, previous);
        var chronic = data.ChronicAbsence.FirstOrDefault(c => c.Scope == "district" && c.Term == term);
        var chronicBefore = data.ChronicAbsence.FirstOrDefault(c => c.Scope == "district" && c.Term == previous);
        var risk = data.AtRisk.FirstOrDefault(a => a.Scope == "district" && a.Term == term);
        var scores = data.AverageScores.Where(s => s.Scope == "district" && s.Term == term).ToDictionary(s => s.Subject, StringComparer.Ordinal);
        var stale = data.Freshness.Count(f => f.Stale);

        html.Append("<section class=\"kpis\" aria-label=\"Headline figures\">");
        Tile(html, "#24508a", "Students", Formats.Count(risk?.StudentCount), "", "enrolled in " + HtmlText.Escape(term));
        Tile(html, "#2b6cb0", "Attendance rate", Formats.Percent(attendance?.AttendanceRate), "",
            Change(attendance?.AttendanceRate, attendanceBefore?.AttendanceRate, previous, higherIsBetter: true));
        Tile(html, "#dd6b20", "Chronically absent", chronic?.Coded ?? Formats.Percent(chronic?.ChronicAbsenceRate),
            chronic?.ChronicallyAbsentCount is { } absent ? Formats.Count(absent) + " students" : "",
            Change(chronic?.ChronicAbsenceRate, chronicBefore?.ChronicAbsenceRate, previous, higherIsBetter: false));
        Tile(html, "#c53030", "Students at risk", risk?.AtRisk.Coded ?? Formats.Count(risk?.AtRiskCount),
            risk?.AtRiskRate is { } rate ? Formats.Percent(rate) : "", "at least one early-warning indicator");
        Tile(html, "#38a169", "Average scores", Formats.Score(Mean(scores.Values.Select(s => s.AverageScore))), "/ 100",
            string.Join(" · ", new[] { "math", "reading", "science" }.Where(scores.ContainsKey)
                .Select(s => Formats.Subject(s) + " " + Formats.Score(scores[s].AverageScore))));
        Tile(html, stale == 0 ? "#2f855a" : "#c53030", "Data freshness",
            stale == 0 ? "Current" : Formats.Count(stale) + " stale", "",
            data.Status is null ? "no loads yet" : "figures as of " + data.Status.RefreshedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC");
        html.Append("</section>");
    }

    private static AttendanceRow? District(IReadOnlyList<AttendanceRow> rows, string term) =>
        rows.FirstOrDefault(a => a.Scope == "district" && a.Term == term);

    private static decimal? Mean(IEnumerable<decimal?> values)
    {
        var known = values.OfType<decimal>().ToList();
        return known.Count == 0 ? null : known.Average();
    }

    private static string Change(decimal? now, decimal? before, string? previousTerm, bool higherIsBetter)
    {
        if (now is not { } n || before is not { } b || previousTerm is null)
        {
            return "no earlier term to compare";
        }

        var points = (double)(n - b) * 100;
        var good = points == 0 ? null : (points > 0) == higherIsBetter ? "trend-good" : "trend-bad";
        var arrow = points > 0 ? "▲" : points < 0 ? "▼" : "■";
        var text = $"{arrow} {Math.Abs(points).ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} pts vs {HtmlText.Escape(previousTerm)}";
        return good is null ? text : $"<span class=\"{good}\">{text}</span>";
    }

    private static void Tile(StringBuilder html, string accent, string label, string value, string unit, string contextHtml)
    {
        html.Append($"<div class=\"kpi\" style=\"--accent:{accent}\"><div class=\"label\">{HtmlText.Escape(label)}</div>");
        html.Append($"<div class=\"value\">{HtmlText.Escape(value)}");
        if (unit.Length > 0)
        {
            html.Append($"<small>{HtmlText.Escape(unit)}</small>");
        }

        html.Append($"</div><div class=\"context\">{contextHtml}</div></div>");
    }
}
