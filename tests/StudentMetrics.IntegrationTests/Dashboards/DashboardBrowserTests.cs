using StudentMetrics.Database;
using System.Text.Json.Nodes;
using Npgsql;
using StudentMetrics.IntegrationTests.Infrastructure;
using StudentMetrics.Reporting;

namespace StudentMetrics.IntegrationTests.Dashboards;

[Collection(StackCollection.Name)]
public sealed class DashboardBrowserTests(LocalStack stack)
{
    private const int Width = 1440;

    // One chart per question the reporting views answer.
    private static readonly string[] Charts =
    [
        "attendance-by-school", "chronic-absence-by-school", "scores-by-school", "score-distribution", "at-risk-by-school",
        "at-risk-indicators", "attendance-by-grade", "scores-by-grade", "attendance-trend", "scores-trend",
    ];

    [Fact]
    public async Task The_dashboard_of_the_sample_renders_every_chart_in_headless_chromium_without_script_errors()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "dashboard_browser");
        await ReportingDatabase.LoadSampleAsync(stack, db);
        var outputDir = Path.Combine(stack.Repository, ".local", "dashboard-test");
        await using var dataSource = DatabaseSettings.ForConnectionString(db).CreateDataSource();
        var page = await DashboardWriter.WriteAsync(dataSource, Path.Combine(outputDir, "dashboard.html"), CancellationToken.None);

        await using var browser = await HeadlessChromium.StartAsync(Width, 1000);
        await browser.OpenAsync(new Uri(page).AbsoluteUri);
        var charts = (await browser.EvaluateAsync("""
            JSON.stringify([...document.querySelectorAll('[data-chart]')].map(f => ({
                id: f.dataset.chart,
                width: f.querySelector('svg') ? f.querySelector('svg').getBoundingClientRect().width : 0,
                drawn: [...f.querySelectorAll('svg [data-mark]')].filter(m => { const b = m.getBBox(); return b.width > 0 || b.height > 0; }).length,
                suppressed: f.querySelectorAll('svg [data-mark="suppressed"]').length
            })))
            """))!.GetValue<string>();
        var schoolRows = (await browser.EvaluateAsync(
            "JSON.stringify([...document.querySelectorAll('[data-table=\"schools\"] tbody tr')].map(r => [...r.cells].map(c => c.textContent)))"))!.GetValue<string>();
        await browser.ScreenshotAsync(Path.Combine(outputDir, "dashboard.png"), Width);

        browser.Errors.ShouldBeEmpty();
        var rendered = JsonNode.Parse(charts)!.AsArray().Select(c => (Id: c!["id"]!.GetValue<string>(), Width: c["width"]!.GetValue<double>(),
            Drawn: c["drawn"]!.GetValue<int>(), Suppressed: c["suppressed"]!.GetValue<int>())).ToList();
        rendered.Select(c => c.Id).ShouldBe(Charts);
        foreach (var chart in rendered)
        {
            chart.Width.ShouldBeGreaterThan(400, chart.Id);
            chart.Drawn.ShouldBeGreaterThan(chart.Suppressed, chart.Id + " draws no data, only placeholders");
        }

        // Whatever the views hide for the latest term, the page shows as hidden, and nothing more.
        var (latestTerm, hidden, shown) = await SchoolsByVisibilityAsync(db);
        hidden.ShouldNotBeEmpty("the sample has a school under the privacy threshold");
        var rows = JsonNode.Parse(schoolRows)!.AsArray().Select(r => r!.AsArray().Select(c => c!.GetValue<string>()).ToList()).ToList();
        rows.Select(r => r[0]).ShouldBe(new[] { "All schools" }.Concat(shown.Concat(hidden).Order(StringComparer.Ordinal)));
        foreach (var school in hidden)
        {
            var cells = rows.Single(r => r[0] == school);
            cells.Count.ShouldBe(2, school);
            cells[1].ShouldStartWith("Suppressed");
        }

        foreach (var school in shown)
        {
            rows.Single(r => r[0] == school).Count.ShouldBe(8, school);
        }

        rendered.Single(c => c.Id == "attendance-by-school").Suppressed.ShouldBe(hidden.Count, latestTerm);
    }

    [Fact]
    public async Task No_value_label_overlaps_another_label_or_crosses_a_reference_line()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "dashboard_labels");
        // Schools whose rates sit right at the district rate, so labels meet the district line.
        await StudentRow.InsertAsync(db, Disclosure.AdversarialDistricts.GradeSpanDistrict(Disclosure.AdversarialDistricts.Term, null, [], 0));
        var dir = Directory.CreateTempSubdirectory("dashboard-labels-").FullName;
        await using var dataSource = DatabaseSettings.ForConnectionString(db).CreateDataSource();
        var page = await DashboardWriter.WriteAsync(dataSource, Path.Combine(dir, "dashboard.html"), CancellationToken.None);

        await using var browser = await HeadlessChromium.StartAsync(Width, 1000);
        await browser.OpenAsync(new Uri(page).AbsoluteUri);
        var clashes = (await browser.EvaluateAsync("""
            JSON.stringify([...document.querySelectorAll('[data-chart] svg')].flatMap(svg => {
                const id = svg.closest('[data-chart]').dataset.chart;
                const box = e => e.getBBox();
                const texts = [...svg.querySelectorAll('text.value, text.reference-label')].map(t => ({ t: t.textContent, b: box(t) }));
                const lines = [...svg.querySelectorAll('line.reference')].map(l => box(l));
                const overlap = (a, b) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
                const found = [];
                texts.forEach((a, i) => texts.slice(i + 1).forEach(b => { if (overlap(a.b, b.b)) found.push(id + ': "' + a.t + '" on "' + b.t + '"'); }));
                texts.filter(a => !a.t.startsWith('District')).forEach(a => lines.forEach(l => {
                    if (l.x > a.b.x && l.x < a.b.x + a.b.width && l.y < a.b.y + a.b.height && a.b.y < l.y + l.height) found.push(id + ': "' + a.t + '" crosses the reference line');
                }));
                return found;
            }))
            """))!.GetValue<string>();
        var labels = (await browser.EvaluateAsync("document.querySelectorAll('text.value').length"))!.GetValue<int>();

        labels.ShouldBeGreaterThan(20);
        JsonNode.Parse(clashes)!.AsArray().Select(c => c!.GetValue<string>()).ShouldBeEmpty();
        Directory.Delete(dir, recursive: true);
    }

    private static async Task<(string Term, List<string> Hidden, List<string> Shown)> SchoolsByVisibilityAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT term, school_id, suppressed FROM reporting.students_at_risk " +
            "WHERE scope = 'school' AND term = (SELECT max(term) FROM reporting.students_at_risk) ORDER BY school_id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        string term = "";
        List<string> hidden = [], shown = [];
        while (await reader.ReadAsync())
        {
            term = reader.GetString(0);
            (reader.GetBoolean(2) ? hidden : shown).Add(reader.GetString(1));
        }

        return (term, hidden, shown);
    }
}
