using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Disclosure;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Dashboards;

/// <summary>
/// Reporting covers the student_metrics feed only: loading another feed's file (here the UCI export, which has a school
/// column) refreshes nothing and publishes nothing, not even its schools' freshness.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class UnreportedFeedTests(LocalStack stack)
{
    [Fact]
    public async Task Loading_a_feed_reporting_does_not_cover_leaves_the_snapshot_and_every_view_as_they_were()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "unreported_feed");
        await ReportingDatabase.LoadSampleAsync(stack, db);
        var before = await SnapshotAsync(db);

        var uci = FeedContracts.Get("uci_student_performance");
        using var clean = new MemoryStream();
        var report = new FeedCleaner(new CleanerOptions { Contract = uci })
            .Clean(new LocalRawFile(Path.Combine(stack.Repository, "samples", "real", "uci_student_mat.csv")), clean, Stream.Null);
        report.Status.ShouldBe(FileStatus.Cleaned);
        clean.Position = 0;
        await using (var dataSource = StudentMetricsDataSource.Create(db, requireTls: false))
        {
            var result = await new CleanFileLoader(dataSource).LoadAsync(
                clean, new LoadSource("raw/" + report.Source.Key, report.Source.Sha256) { Contract = uci }, CancellationToken.None);
            result.Outcome.ShouldBe(LoadOutcome.Loaded);
            result.RowsInFile.ShouldBeGreaterThan(300);
        }

        (await SnapshotAsync(db)).ShouldBe(before);
    }

    // The refresh time and every published row: any refresh or any published trace of the other feed changes it.
    private static async Task<string> SnapshotAsync(string db)
    {
        var lines = new List<string>();
        foreach (var relation in new[] { "refresh_status", "data_freshness", "attendance_rate", "students_at_risk", "suppressed_values", "terms" })
        {
            var rows = await PublishedViews.RowsAsync(db, $"SELECT * FROM reporting.{relation}");
            lines.Add(relation + ": " + string.Join(" | ", rows.Select(r => r.GetRawText()).Order(StringComparer.Ordinal)));
        }

        return string.Join('\n', lines);
    }
}
