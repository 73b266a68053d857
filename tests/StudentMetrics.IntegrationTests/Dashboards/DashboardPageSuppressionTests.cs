using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Infrastructure;
using StudentMetrics.Reporting;
using StudentMetrics.Reporting.Html;

namespace StudentMetrics.IntegrationTests.Dashboards;

[Collection(StackCollection.Name)]
public sealed class DashboardPageSuppressionTests(LocalStack stack)
{
    private const string Term = "2024-2025-S1";

    [Fact]
    public async Task The_page_shows_no_averages_for_a_school_of_9_and_shows_them_for_a_school_of_10()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "page_suppress");
        var ten = StudentRow.School("EXACT", Term, 10, seed: 21);
        await StudentRow.InsertAsync(db, StudentRow.School("SMALL", Term, 9, seed: 20).Concat(ten)
            .Concat(StudentRow.School("OTHER", Term, 6, seed: 22)).Concat(StudentRow.School("LARGE", Term, 25, seed: 23)));
        var output = Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}", "page.html");

        await using var dataSource = DatabaseSettings.ForConnectionString(db).CreateDataSource();
        var html = await File.ReadAllTextAsync(await DashboardWriter.WriteAsync(dataSource, output, CancellationToken.None));

        var small = RowOf(html, "SMALL");
        small.ShouldContain("Suppressed: fewer than 10 students");
        small.ShouldNotContain("class=\"num\"");
        var exact = RowOf(html, "EXACT");
        foreach (var average in new[] { ten.Average(r => r.MathScore!.Value), ten.Average(r => r.ReadingScore!.Value), ten.Average(r => r.ScienceScore!.Value) })
        {
            // The view rounds to 2 places as PostgreSQL does (half away from zero); the page shows one.
            exact.ShouldContain(Formats.Score(Math.Round(average, 2, MidpointRounding.AwayFromZero)) + " <span class=\"mono\">n=10</span>");
        }

        Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
    }

    private static string RowOf(string html, string school)
    {
        var start = html.IndexOf($"<td>{school}</td>", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, school);
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
