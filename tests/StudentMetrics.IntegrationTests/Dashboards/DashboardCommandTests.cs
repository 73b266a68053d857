using StudentMetrics.Cli;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Dashboards;

[Collection(StackCollection.Name)]
public sealed class DashboardCommandTests(LocalStack stack)
{
    [Fact]
    public async Task The_dashboard_command_writes_the_page_for_the_database_in_STUDENT_METRICS_DB_and_prints_its_path()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "dashboard_cli");
        await ReportingDatabase.LoadSampleAsync(stack, db);
        var dir = Directory.CreateTempSubdirectory("dashboard-cli-").FullName;
        var previous = Environment.GetEnvironmentVariable("STUDENT_METRICS_DB");
        Environment.SetEnvironmentVariable("STUDENT_METRICS_DB", db);
        var stdout = new StringWriter();
        var originalOut = Console.Out;
        try
        {
            Console.SetOut(stdout);
            var exit = await CommandLine.RunAsync(["dashboard", "--out", Path.Combine(dir, "nested", "dashboard.html")], stdout, TextWriter.Null, CancellationToken.None);
            exit.ShouldBe(0);
        }
        finally
        {
            Console.SetOut(originalOut);
            Environment.SetEnvironmentVariable("STUDENT_METRICS_DB", previous);
        }

        var address = stdout.ToString().Trim();
        address.ShouldBe(new Uri(Path.Combine(dir, "nested", "dashboard.html")).AbsoluteUri, "the page's address, ready to open in a browser");
        var html = await File.ReadAllTextAsync(new Uri(address).LocalPath);
        html.ShouldStartWith("<!DOCTYPE html>");
        html.ShouldContain("data-chart=\"attendance-by-school\"");
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Without_a_database_setting_the_command_fails_and_says_what_is_missing()
    {
        var previous = Environment.GetEnvironmentVariable("STUDENT_METRICS_DB");
        Environment.SetEnvironmentVariable("STUDENT_METRICS_DB", null);
        var stderr = new StringWriter();
        var originalError = Console.Error;
        try
        {
            Console.SetError(stderr);
            (await CommandLine.RunAsync(["dashboard", "--out", "x.html"], TextWriter.Null, stderr, CancellationToken.None)).ShouldBe(1);
        }
        finally
        {
            Console.SetError(originalError);
            Environment.SetEnvironmentVariable("STUDENT_METRICS_DB", previous);
        }

        stderr.ToString().ShouldContain("STUDENT_METRICS_DB");
        File.Exists("x.html").ShouldBeFalse();
    }
}
