using System.Globalization;
using System.Text;
using StudentMetrics.Reporting.Data;

namespace StudentMetrics.Reporting.Html;

/// <summary>The per-school summary and the data-freshness table.</summary>
internal static class SchoolTables
{
    public static void RenderSummary(StringBuilder html, DashboardData data, string term)
    {
        html.Append("<section class=\"card wide\" data-table=\"schools\"><h2>Schools at a glance</h2>");
        html.Append($"<p class=\"subtitle\">{HtmlText.Escape(term)}. Each number's student count is shown beside it; a hidden group shows why.</p>");
        html.Append("<table><thead><tr><th>School</th><th class=\"num\">Students</th><th class=\"num\">Attendance</th>" +
                    "<th class=\"num\">Chronically absent</th><th class=\"num\">At risk</th><th class=\"num\">Math</th>" +
                    "<th class=\"num\">Reading</th><th class=\"num\">Science</th></tr></thead><tbody>");
        SummaryRow(html, data, term, "district", "All schools");
        foreach (var school in data.Schools)
        {
            SummaryRow(html, data, term, "school", school);
        }

        html.Append("</tbody></table></section>");
    }

    public static void RenderFreshness(StringBuilder html, DashboardData data)
    {
        html.Append("<section class=\"card wide\" data-table=\"freshness\"><h2>Data freshness</h2>");
        html.Append($"<p class=\"subtitle\">The latest load of each school's data, and the latest attempt at a file holding it (failed and quarantined ones too). Stale: no load in the last {data.Settings.StaleAfterDays.ToString(CultureInfo.InvariantCulture)} days.</p>");
        html.Append("<table><thead><tr><th>School</th><th>Last loaded (UTC)</th><th class=\"num\">Days ago</th><th>Latest term</th>" +
                    "<th>Latest file loaded</th><th>Latest attempt</th><th>Status</th></tr></thead><tbody>");
        foreach (var f in data.Freshness)
        {
            html.Append($"<tr><td>{HtmlText.Escape(f.SchoolId)}</td>");
            html.Append($"<td>{(f.LastLoadedAt is { } loaded ? loaded.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "never")}</td>");
            html.Append($"<td class=\"num\">{(f.DaysSinceLoad is { } days ? days.ToString(CultureInfo.InvariantCulture) : "–")}</td>");
            html.Append($"<td>{HtmlText.Escape(f.LatestTerm ?? "–")}</td>");
            html.Append($"<td class=\"mono\">{HtmlText.Escape(f.LatestSourceKey ?? "–")}</td>");
            var attempt = f.LatestAttemptStatus is { } status
                ? status + (f.LatestAttemptAt is { } at ? " " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "")
                : "not in ledger";
            html.Append($"<td>{HtmlText.Escape(attempt)}</td>");
            html.Append(f.Stale ? "<td><span class=\"badge stale\">Stale</span></td></tr>" : "<td><span class=\"badge ok\">Current</span></td></tr>");
        }

        html.Append("</tbody></table></section>");
    }

    private static void SummaryRow(StringBuilder html, DashboardData data, string term, string scope, string school)
    {
        var risk = data.AtRisk.FirstOrDefault(a => a.Scope == scope && a.SchoolId == school && a.Term == term);
        var attendance = data.Attendance.FirstOrDefault(a => a.Scope == scope && a.SchoolId == school && a.Term == term);
        var chronic = data.ChronicAbsence.FirstOrDefault(c => c.Scope == scope && c.SchoolId == school && c.Term == term);
        var scores = data.AverageScores.Where(s => s.Scope == scope && s.SchoolId == school && s.Term == term).ToDictionary(s => s.Subject, StringComparer.Ordinal);
        html.Append(scope == "district" ? "<tr class=\"district\">" : "<tr>");
        html.Append($"<td>{HtmlText.Escape(school)}</td>");
        if (risk is null)
        {
            html.Append("<td class=\"suppressed\" colspan=\"7\">No data for this term</td></tr>");
            return;
        }

        if (risk.Suppressed)
        {
            html.Append($"<td class=\"suppressed\" colspan=\"7\">{HtmlText.Escape(SuppressionText.For(risk.SuppressionReason, data.Settings))}</td></tr>");
            return;
        }

        html.Append($"<td class=\"num\">{Formats.Count(risk.StudentCount)}</td>");
        html.Append(Cell(attendance?.AttendanceRate is { } a ? Formats.Percent(a) : attendance?.Coded, attendance?.StudentCount));
        html.Append(Cell(chronic?.ChronicAbsenceRate is { } c ? Formats.Percent(c) : chronic?.Coded, chronic?.StudentCount));
        html.Append(Cell(risk.AtRiskRate is { } r ? Formats.Count(risk.AtRiskCount) + " (" + Formats.Percent(r) + ")" : risk.AtRisk.Coded, null));
        foreach (var subject in new[] { "math", "reading", "science" })
        {
            var score = scores.GetValueOrDefault(subject);
            html.Append(Cell(score?.AverageScore is { } s ? Formats.Score(s) : score?.Coded, score?.StudentCount));
        }

        html.Append("</tr>");
    }

    private static string Cell(string? value, long? basis) =>
        value is null ? "<td class=\"num suppressed\">hidden</td>"
        : basis is { } n ? $"<td class=\"num\">{HtmlText.Escape(value)} <span class=\"mono\">n={Formats.Count(n)}</span></td>"
        : $"<td class=\"num\">{HtmlText.Escape(value)}</td>";
}
