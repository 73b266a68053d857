using Npgsql;
using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Disclosure;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Dashboards;

[Collection(StackCollection.Name)]
public sealed class ReportingDefinitionTests(LocalStack stack)
{
    private const string Term = "2024-2025-S1";

    [Fact]
    public async Task Missing_exactly_10_percent_of_enrolled_days_is_chronic_absence_and_a_student_enrolled_under_10_days_is_not_counted()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "definitions_chronic");
        // 40 students at one school: 12 missed exactly 10% (9 of 90 days), 15 missed 8 of 90, 3 enrolled 9 days and
        // missed all of them, 10 present every day but one.
        var rows = StudentRow.Grades("ONE", Term, [3], perGrade: 40, seed: 5, (r, i) => i switch
        {
            <= 12 => r with { DaysEnrolled = 90, DaysPresent = 81 },
            <= 27 => r with { DaysEnrolled = 90, DaysPresent = 82 },
            <= 30 => r with { DaysEnrolled = 9, DaysPresent = 0 },
            _ => r with { DaysEnrolled = 90, DaysPresent = 89 },
        });
        // A second school with 15 of 40 chronically absent, so that neither school's figure is the district's alone.
        var other = StudentRow.Grades("TWO", Term, [3], perGrade: 40, seed: 6, (r, i) => r with { DaysEnrolled = 90, DaysPresent = (short)(i <= 15 ? 70 : 88) });
        await StudentRow.InsertAsync(db, rows.Concat(other));

        var one = (await PublishedViews.RowsAsync(db, $"SELECT * FROM reporting.chronic_absence WHERE school_id = 'ONE' AND term = '{Term}'")).Single();
        one.Number("student_count").ShouldBe(37);
        one.Number("chronically_absent_count").ShouldBe(12);
        one.Number("chronic_absence_rate").ShouldBe(Math.Round(12m / 37, 4));
    }

    [Fact]
    public async Task Terms_sort_by_their_place_in_the_school_year_and_latest_means_latest()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "definitions_terms");
        var terms = new[] { "2024-2025-FY", "2024-2025-Q1", "2023-2024-S2", "2024-2025-S2", "2024-2025-S1", "2024-2025-Q4", "2024-2025-T2", "2024-2025-Q2" };
        await StudentRow.InsertAsync(db, terms.SelectMany((t, i) => StudentRow.Grades("ONE", t, [5], perGrade: 12, seed: i)));

        var ordered = await PublishedViews.RowsAsync(db, "SELECT term, period_type, is_latest FROM reporting.terms ORDER BY term_order");

        ordered.Select(t => t.Text("term")).ShouldBe([
            "2023-2024-S2", "2024-2025-Q1", "2024-2025-Q2", "2024-2025-S1", "2024-2025-T2", "2024-2025-Q4", "2024-2025-S2", "2024-2025-FY"]);
        ordered.Where(t => t.GetProperty("is_latest").GetBoolean()).Select(t => t.Text("term")).ShouldBe(["2024-2025-FY"]);
        ordered.Select(t => t.Text("period_type")).Distinct().Order().ShouldBe(["full_year", "quarter", "semester", "trimester"]);
    }

    // Stored rows reach data_freshness through the refresh, like every published figure: the view never scans
    // core.student_metrics, so it cannot disagree with the figures beside it.
    [Fact]
    public async Task Freshness_per_school_reads_the_snapshot_not_the_stored_rows()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "definitions_freshness_snapshot");
        await StudentRow.InsertOnlyAsync(db, StudentRow.School("UNREFRESHED", "2024-2025-S1", 12, seed: 5));

        (await PublishedViews.RowsAsync(db, "SELECT * FROM reporting.data_freshness")).ShouldBeEmpty();

        await ReportingDatabase.RefreshAsync(db);
        var row = (await PublishedViews.RowsAsync(db, "SELECT * FROM reporting.data_freshness")).ShouldHaveSingleItem();
        row.Text("school_id").ShouldBe("UNREFRESHED");
        row.Text("latest_term").ShouldBe("2024-2025-S1");
        row.Number("source_files").ShouldBe(1);
    }

    [Fact]
    public async Task Freshness_per_school_shows_the_latest_attempt_a_quarantined_file_included()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "definitions_freshness");
        await ReportingDatabase.LoadSampleAsync(stack, db);
        var loaded = await PublishedViews.RowsAsync(db, "SELECT * FROM reporting.data_freshness ORDER BY school_id");
        loaded.ShouldNotBeEmpty();
        loaded.ShouldAllBe(r => r.Text("latest_attempt_status") == "loaded");

        var school = loaded[0].Text("school_id")!;
        await using (var dataSource = StudentMetricsDataSource.Create(db, requireTls: false))
        {
            await new QuarantineRecorder(dataSource).RecordAsync(new LoadSource("raw/late/broken.csv", new string('d', 64)),
                "missing_required_column: days_enrolled", [school.ToLowerInvariant(), "not a school id!"], CancellationToken.None);
        }

        var after = await PublishedViews.RowsAsync(db, $"SELECT * FROM reporting.data_freshness WHERE school_id = '{school}'");
        after.Single().Text("latest_attempt_status").ShouldBe("quarantined");
        after.Single().Text("latest_attempt_key").ShouldBe("raw/late/broken.csv");
        after.Single().Text("latest_source_key").ShouldBe(loaded[0].Text("latest_source_key"), "the stored data is still the last load's");
    }
}
