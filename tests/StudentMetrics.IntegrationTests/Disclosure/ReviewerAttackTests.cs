using Npgsql;
using StudentMetrics.IntegrationTests.Dashboards;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Disclosure;

/// <summary>The five ways a reviewer recovered hidden groups from the old views, each on its own district.</summary>
[Collection(StackCollection.Name)]
public sealed class ReviewerAttackTests(LocalStack stack)
{
    private const string Term = AdversarialDistricts.Term;

    [Fact]
    public async Task Grade_spans_the_grade_rows_minus_the_schools_that_teach_those_grades_leave_a_hidden_school_unknown()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "attack_spans");
        var rows = AdversarialDistricts.All["small school sharing grades"]().ToList();
        await StudentRow.InsertAsync(db, rows);
        var spans = rows.GroupBy(r => r.SchoolId).ToDictionary(g => g.Key, g => g.Select(r => (int)r.GradeLevel).ToHashSet());

        var risk = await PublishedViews.RowsAsync(db, $"SELECT * FROM reporting.students_at_risk WHERE term = '{Term}'");
        var schools = risk.Where(r => r.Text("scope") == "school").ToDictionary(r => r.Text("school_id")!, r => r.Number("student_count"));
        var grades = risk.Where(r => r.Text("scope") == "grade").ToDictionary(r => (int)r.Number("grade_level")!, r => r.Number("student_count"));
        var hidden = schools.Where(s => s.Value is null).Select(s => s.Key).ToList();
        hidden.ShouldContain("TINY");
        hidden.Count.ShouldBeGreaterThanOrEqualTo(2, "a lone hidden school would be the district total minus the others");

        foreach (var school in hidden)
        {
            // The reviewer's arithmetic: every grade the school's neighbours teach, minus every other school teaching them.
            var teach = new HashSet<int>(spans[school]);
            var others = spans.Keys.Where(s => s != school && spans[s].Overlaps(teach)).ToList();
            foreach (var other in others)
            {
                teach.UnionWith(spans[other]);
            }

            var inputs = teach.Select(g => grades[g]).Concat(spans.Keys.Where(s => s != school && spans[s].Overlaps(teach)).Select(s => schools[s])).ToList();
            inputs.ShouldContain(v => v == null, $"{school}: every number the subtraction needs is published");
        }
    }

    [Fact]
    public async Task One_measure_under_the_threshold_in_a_large_school_is_not_the_district_minus_the_other_schools()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "attack_measure");
        await StudentRow.InsertAsync(db, AdversarialDistricts.All["large school with one measure under the threshold"]());

        var science = await PublishedViews.RowsAsync(db, $"SELECT * FROM reporting.average_scores WHERE subject = 'science' AND scope IN ('district', 'school') AND term = '{Term}'");
        var large = science.Single(r => r.Text("school_id") == "ELEM-B");
        large.Number("average_score").ShouldBeNull();
        large.Number("student_count").ShouldBeNull();
        // district x average - sum of published schools' x average would be ELEM-B's 8 scores: needs another unknown.
        science.Count(r => r.Number("student_count") is null).ShouldBeGreaterThanOrEqualTo(2);

        var attendance = await PublishedViews.RowsAsync(db, $"SELECT * FROM reporting.attendance_rate WHERE scope IN ('district', 'school') AND term = '{Term}'");
        attendance.Single(r => r.Text("school_id") == "ELEM-B").Number("student_count").ShouldBeNull();
        attendance.Count(r => r.Number("student_count") is null).ShouldBeGreaterThanOrEqualTo(2);
        // Other measures of the large school, resting on enough students, stay published.
        (await PublishedViews.RowsAsync(db, $"SELECT * FROM reporting.average_scores WHERE subject = 'math' AND school_id = 'ELEM-B' AND term = '{Term}'"))
            .Single().Number("average_score").ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(AdversarialDistricts.Names), MemberType = typeof(AdversarialDistricts))]
    public async Task No_view_publishes_a_chronic_absence_figure_another_view_hides(string district)
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "attack_views");
        await StudentRow.InsertAsync(db, AdversarialDistricts.All[district]());

        var pairs = await PublishedViews.RowsAsync(db,
            "SELECT c.chronically_absent_count, c.chronic_absence_rate, c.chronic_absence_coded, " +
            "r.low_attendance_count, r.low_attendance_rate, r.low_attendance_coded " +
            "FROM reporting.chronic_absence c JOIN reporting.students_at_risk r USING (scope, school_id, grade, term)");
        pairs.ShouldNotBeEmpty();
        foreach (var pair in pairs)
        {
            pair.Number("low_attendance_count").ShouldBe(pair.Number("chronically_absent_count"), pair.GetRawText());
            pair.Number("low_attendance_rate").ShouldBe(pair.Number("chronic_absence_rate"), pair.GetRawText());
            pair.Text("low_attendance_coded").ShouldBe(pair.Text("chronic_absence_coded"), pair.GetRawText());
        }
    }

    [Fact]
    public async Task No_published_share_says_all_or_none_of_a_group()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "attack_extremes");
        await StudentRow.InsertAsync(db, AdversarialDistricts.All["a whole group in one band"]());

        var shares = await PublishedViews.RowsAsync(db,
            "SELECT 'band ' || subject || ' ' || band || ' ' || school_id AS what, share AS value FROM reporting.score_bands " +
            "UNION ALL SELECT 'chronic ' || school_id, chronic_absence_rate FROM reporting.chronic_absence " +
            "UNION ALL SELECT 'at risk ' || school_id, at_risk_rate FROM reporting.students_at_risk " +
            "UNION ALL SELECT 'low scores ' || school_id, low_scores_rate FROM reporting.students_at_risk " +
            "UNION ALL SELECT 'incidents ' || school_id, many_incidents_rate FROM reporting.students_at_risk " +
            "UNION ALL SELECT 'attendance ' || school_id, attendance_rate FROM reporting.attendance_rate");
        shares.Count(s => s.Number("value") is not null).ShouldBeGreaterThan(50);
        foreach (var share in shares.Where(s => s.Number("value") is not null))
        {
            share.Number("value")!.Value.ShouldBeInRange(0.0001m, 0.9999m, share.Text("what"));
        }

        // "12 of 12 below 60 in math" and "30 of 30 above 90 in reading" are not there, in any form.
        var bands = await PublishedViews.RowsAsync(db, "SELECT * FROM reporting.score_bands WHERE school_id IN ('LOW', 'TOPS')");
        bands.Where(b => (b.Text("school_id"), b.Text("subject")) is ("LOW", "math") or ("TOPS", "reading"))
            .ShouldAllBe(b => b.Number("share") == null && b.Number("student_count") == null);
        // What the page may say instead is a range that never pins the count down: "under 4%", never "0 students".
        var coded = await PublishedViews.RowsAsync(db, "SELECT many_incidents_coded FROM reporting.students_at_risk WHERE scope = 'district'");
        coded.Single().Text("many_incidents_coded").ShouldStartWith("< ");
    }

    [Fact]
    public async Task Before_and_after_a_load_of_one_late_student_the_published_figures_are_the_same()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "attack_snapshots");
        await StudentRow.InsertAsync(db, AdversarialDistricts.All["small school sharing grades"]());
        var before = await PublishedViews.EverythingAsync(db);
        var refreshedBefore = await StatusAsync(db);

        var late = StudentRow.Grades("ELEM-A", Term, [2], perGrade: 10, seed: 77)
            .Select((r, i) => r with { StudentId = $"LATE-{i:D2}", SourceSha256 = new string('b', 64) }).ToList();
        await StudentRow.InsertAsync(db, late.Take(1));
        var after = await PublishedViews.EverythingAsync(db);
        var refreshedAfter = await StatusAsync(db);

        after.ShouldBe(before, "the difference of two snapshots would be one student's figures");
        refreshedAfter.HeldCells.ShouldBe(1);
        refreshedAfter.RefreshedAt.ShouldBeGreaterThan(refreshedBefore.RefreshedAt);

        // Once enough students of that school and grade changed, the change is published, resting on all of them.
        await StudentRow.InsertAsync(db, late.Skip(1));
        var released = await PublishedViews.EverythingAsync(db);
        released.ShouldNotBe(before);
        (await StatusAsync(db)).HeldCells.ShouldBe(0);
        var count = await PublishedViews.RowsAsync(db, $"SELECT student_count FROM reporting.students_at_risk WHERE scope = 'school' AND school_id = 'ELEM-A' AND term = '{Term}'");
        count.Single().Number("student_count").ShouldBe(6 * 25 + 10);
    }

    [Fact]
    public async Task An_administrator_can_release_held_changes_with_a_reason_that_is_logged()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "attack_release");
        await StudentRow.InsertAsync(db, AdversarialDistricts.All["small school sharing grades"]());
        await StudentRow.InsertAsync(db, StudentRow.Grades("ELEM-A", Term, [2], perGrade: 1, seed: 78)
            .Select(r => r with { StudentId = "LATE-1", SourceSha256 = new string('c', 64) }));
        (await StatusAsync(db)).HeldCells.ShouldBe(1);

        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        var error = await Should.ThrowAsync<PostgresException>(() => ReportingDatabase.ExecuteAsync(connection, "SELECT reporting_internal.release_held_changes('')"));
        error.MessageText.ShouldContain("needs a reason");
        await ReportingDatabase.ExecuteAsync(connection, "SELECT reporting_internal.release_held_changes('end of term: publish every record')");

        (await StatusAsync(db)).HeldCells.ShouldBe(0);
        var log = await PublishedViews.RowsAsync(db, "SELECT action, reason, made_by FROM reporting.disclosure_overrides");
        log.Single().Text("reason").ShouldBe("end of term: publish every record");
        log.Single().Text("action").ShouldBe("released 1 held cells");
    }

    private static async Task<(DateTime RefreshedAt, long HeldCells)> StatusAsync(string db)
    {
        var status = (await PublishedViews.RowsAsync(db, "SELECT refreshed_at, held_cells FROM reporting.refresh_status")).Single();
        return (status.GetProperty("refreshed_at").GetDateTime(), (long)status.Number("held_cells")!);
    }
}
