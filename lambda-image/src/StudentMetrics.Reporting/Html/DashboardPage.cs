using System.Globalization;
using System.Text;
using StudentMetrics.Reporting.Data;

namespace StudentMetrics.Reporting.Html;

/// <summary>Renders the dashboard as one HTML document with everything inline.</summary>
public static class DashboardPage
{
    public static string Render(DashboardData data, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(data);
        var term = data.LatestTerm;
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append($"<title>Student Metrics dashboard{(term is null ? "" : " – " + HtmlText.Escape(term))}</title>");
        html.Append("<style>").Append(PageStyle.Css).Append("</style></head><body>");
        html.Append("<header class=\"top\"><div><h1>Student Metrics · District dashboard</h1>");
        html.Append(term is null
            ? "<p class=\"sub\">No data loaded yet</p>"
            : $"<p class=\"sub\">{HtmlText.Escape(term)} · {data.Schools.Count.ToString(CultureInfo.InvariantCulture)} schools · attendance, achievement and early warning</p>");
        html.Append($"</div><div class=\"meta\">Generated {generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC<br>");
        if (data.Status is { } status)
        {
            html.Append($"<span data-refreshed>Figures as of {status.RefreshedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</span><br>");
        }

        html.Append($"Groups under {data.Settings.MinGroupSize.ToString(CultureInfo.InvariantCulture)} students are suppressed</div></header><main>");
        if (term is null)
        {
            html.Append("<div class=\"empty\">The reporting views hold no data yet. Load an export, then write this page again.</div>");
        }
        else
        {
            KpiTiles.Render(html, data, term);
            DashboardCharts.Render(html, data, term);
            SchoolTables.RenderSummary(html, data, term);
            SchoolTables.RenderFreshness(html, data);
        }

        RenderNotes(html, data.Settings);
        html.Append("</main></body></html>");
        return html.ToString();
    }

    private static void RenderNotes(StringBuilder html, ReportingSettings settings)
    {
        var min = settings.MinGroupSize.ToString(CultureInfo.InvariantCulture);
        html.Append("<footer class=\"notes\"><h2>How to read this page</h2><ul>");
        html.Append($"<li><b>Privacy.</b> A school or grade with fewer than {min} students in a term shows no figures (hatched, “suppressed”). " +
                    "Where a hidden figure could be worked out from the others (subtracting schools from grades or from the district, in any view), more figures are hidden too. " +
                    $"A count or share with fewer than {min} students either way is shown as a range, such as “&lt; 4%”. " +
                    $"Figures change only when at least {min} students' records of a school and grade have changed, so that two versions of this page never differ by a few students.</li>");
        html.Append("<li><b>Attendance rate</b> is days present divided by days enrolled, over students whose days present were reported.</li>");
        html.Append($"<li><b>Chronically absent</b>: missed {Formats.Percent(settings.ChronicAbsenceMissedAtLeast, 0)} or more of enrolled days, among students enrolled at least {settings.MinEnrolledDays.ToString(CultureInfo.InvariantCulture)} days.</li>");
        html.Append($"<li><b>At risk</b>: at least one early-warning indicator — chronically absent; any subject score below {Formats.Score(settings.AtRiskScoreBelow)}; " +
                    $"{settings.AtRiskIncidentsAtLeast.ToString(CultureInfo.InvariantCulture)} or more behaviour incidents in the term. A missing value never raises an indicator.</li>");
        html.Append("<li>Thresholds come from <span class=\"mono\">reporting.settings</span>; figures from the <span class=\"mono\">reporting</span> views Tableau reads, refreshed after every load.</li>");
        html.Append("</ul></footer>");
    }
}
