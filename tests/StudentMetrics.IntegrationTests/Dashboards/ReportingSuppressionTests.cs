using Npgsql;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Dashboards;

[Collection(StackCollection.Name)]
public sealed class ReportingSuppressionTests(LocalStack stack)
{
    private const string Term = "2024-2025-S1";

    [Fact]
    public async Task A_school_with_9_students_shows_no_averages_and_one_with_10_does()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "suppress");
        var nine = StudentRow.School("SMALL", Term, 9, seed: 9);
        var ten = StudentRow.School("EXACT", Term, 10, seed: 10);
        await StudentRow.InsertAsync(db, nine.Concat(ten).Concat(SecondSmallAndLargeSchools()));

        var small = await SchoolMathAsync(db, "SMALL");
        small.Suppressed.ShouldBeTrue();
        small.Average.ShouldBeNull();
        small.Count.ShouldBeNull();

        var exact = await SchoolMathAsync(db, "EXACT");
        exact.Suppressed.ShouldBeFalse();
        exact.Count.ShouldBe(10);
        exact.Average.ShouldBe(Math.Round(ten.Average(r => r.MathScore!.Value), 2));
    }

    // A school of 10 shows its group figures; the counts of students with an indicator, under 10 either way, are
    // coded or hidden by their own decision (ReviewerAttackTests), so only the group figures are checked here.
    [Fact]
    public async Task Every_aggregate_view_hides_every_measure_of_a_small_school_and_shows_a_large_one()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "suppress_all");
        await StudentRow.InsertAsync(db, StudentRow.School("SMALL", Term, 9, seed: 1).Concat(StudentRow.School("EXACT", Term, 10, seed: 2)).Concat(SecondSmallAndLargeSchools()));
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();

        var measures = new Dictionary<string, string[]>
        {
            ["attendance_rate"] = ["student_count", "attendance_rate"],
            ["chronic_absence"] = ["student_count"],
            ["average_scores"] = ["student_count", "average_score"],
            ["score_bands"] = ["group_student_count"],
            ["students_at_risk"] = ["student_count"],
        };
        foreach (var (view, columns) in measures)
        {
            var notNull = string.Join(" + ", columns.Select(c => $"({c} IS NOT NULL)::int"));
            await using var command = new NpgsqlCommand(
                $"SELECT school_id, bool_and(suppressed), bool_or(suppressed), min({notNull}), max({notNull}) " +
                $"FROM reporting.{view} WHERE scope = 'school' AND school_id IN ('SMALL', 'EXACT') GROUP BY school_id ORDER BY school_id", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<(string School, bool AllSuppressed, bool AnySuppressed, int MinShown, int MaxShown)>();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetInt32(3), reader.GetInt32(4)));
            }

            rows.Select(r => r.School).ShouldBe(["EXACT", "SMALL"], view);
            // In these two views "suppressed" is about the indicator itself (a 10-student school has fewer than 10
            // students with or without it, so its share is withheld); the group's own count is still shown.
            if (view is not ("chronic_absence" or "score_bands"))
            {
                rows[0].AnySuppressed.ShouldBeFalse(view);
            }

            rows[0].MinShown.ShouldBe(columns.Length, view);
            rows[1].AllSuppressed.ShouldBeTrue(view);
            rows[1].MaxShown.ShouldBe(0, view);
        }
    }

    [Fact]
    public async Task The_threshold_is_a_setting_an_administrator_can_lower_with_a_logged_override()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "suppress_setting");
        var nine = StudentRow.School("SMALL", Term, 9, seed: 3);
        await StudentRow.InsertAsync(db, nine.Concat(SecondSmallAndLargeSchools()));
        (await SchoolMathAsync(db, "SMALL")).Suppressed.ShouldBeTrue();

        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await ReportingDatabase.ExecuteAsync(connection, "SET LOCAL student_metrics.disclosure_override = 'a board report reviewed by the privacy officer'");
            await ReportingDatabase.ExecuteAsync(connection, "UPDATE reporting.settings SET min_group_size = 6");
            await transaction.CommitAsync();
        }

        var shown = await SchoolMathAsync(db, "SMALL");
        shown.Suppressed.ShouldBeFalse();
        shown.Average.ShouldBe(Math.Round(nine.Average(r => r.MathScore!.Value), 2));
        await using var log = new NpgsqlConnection(db);
        await log.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT override_reason, previous->>'min_group_size', current->>'min_group_size' FROM reporting.settings_changes", log);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        (reader.GetString(0), reader.GetString(1), reader.GetString(2)).ShouldBe(("a board report reviewed by the privacy officer", "10", "6"));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(2)]
    public async Task The_threshold_cannot_go_under_10_without_an_override(int threshold)
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "suppress_guard");
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        var error = await Should.ThrowAsync<PostgresException>(() => ReportingDatabase.ExecuteAsync(connection, $"UPDATE reporting.settings SET min_group_size = {threshold}"));
        error.MessageText.ShouldContain("an override must say why");
        await ReportingDatabase.ExecuteAsync(connection, "UPDATE reporting.settings SET min_group_size = 12");
        await using var count = new NpgsqlCommand("SELECT min_group_size, (SELECT count(*) FROM reporting.settings_changes) FROM reporting.settings", connection);
        await using var reader = await count.ExecuteReaderAsync();
        await reader.ReadAsync();
        (reader.GetInt32(0), reader.GetInt64(1)).ShouldBe((12, 1L));
    }

    [Theory]
    [InlineData("DELETE FROM reporting.settings")]
    [InlineData("TRUNCATE reporting.settings")]
    public async Task The_settings_row_every_view_reads_cannot_be_removed(string removal)
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "settings_kept");
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        var error = await Should.ThrowAsync<PostgresException>(() => ReportingDatabase.ExecuteAsync(connection, removal));
        error.MessageText.ShouldContain("UPDATE it");
        await using var count = new NpgsqlCommand("SELECT count(*) FROM reporting.settings", connection);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(1);
    }

    [Fact]
    public async Task A_lone_small_school_hides_the_next_smallest_too_so_it_cannot_be_derived_from_the_district_total()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "suppress_complement");
        await StudentRow.InsertAsync(db, StudentRow.School("SMALL", Term, 9, seed: 4)
            .Concat(StudentRow.School("EXACT", Term, 10, seed: 5))
            .Concat(StudentRow.School("LARGE", Term, 25, seed: 6)));

        (await SchoolMathAsync(db, "SMALL")).Reason.ShouldBe("small_group");
        var exact = await SchoolMathAsync(db, "EXACT");
        exact.Reason.ShouldBe("complementary");
        exact.Average.ShouldBeNull();
        (await SchoolMathAsync(db, "LARGE")).Suppressed.ShouldBeFalse();
        (await SchoolMathAsync(db, "All schools", "district")).Count.ShouldBe(44);
    }

    [Fact]
    public async Task Small_schools_that_together_are_still_small_hide_the_next_smallest_too()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "suppress_pair");
        await StudentRow.InsertAsync(db, StudentRow.School("TINY-A", Term, 3, seed: 7)
            .Concat(StudentRow.School("TINY-B", Term, 4, seed: 8))
            .Concat(StudentRow.School("MIDDLE", Term, 20, seed: 9))
            .Concat(StudentRow.School("LARGE", Term, 30, seed: 10)));

        (await SchoolMathAsync(db, "TINY-A")).Reason.ShouldBe("small_group");
        (await SchoolMathAsync(db, "TINY-B")).Reason.ShouldBe("small_group");
        // Together 7 students: the district minus the shown schools would be them, so one more school is hidden.
        (await SchoolMathAsync(db, "MIDDLE")).Reason.ShouldBe("complementary");
        (await SchoolMathAsync(db, "LARGE")).Suppressed.ShouldBeFalse();
    }

    // A second small school (9 + 6 students hidden together are not a small group) and a large one, so that the
    // schools under test are neither the only small one nor the smallest shown one: no complementary suppression.
    private static IEnumerable<StudentRow> SecondSmallAndLargeSchools() =>
        StudentRow.School("OTHER", Term, 6, seed: 11).Concat(StudentRow.School("LARGE", Term, 25, seed: 12));

    private static async Task<(bool Suppressed, string? Reason, long? Count, decimal? Average)> SchoolMathAsync(string db, string school, string scope = "school")
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT suppressed, suppression_reason, student_count, average_score FROM reporting.average_scores " +
            "WHERE scope = $3 AND subject = 'math' AND school_id = $1 AND term = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = school });
        command.Parameters.Add(new NpgsqlParameter { Value = Term });
        command.Parameters.Add(new NpgsqlParameter { Value = scope });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        var result = (
            reader.GetBoolean(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? (long?)null : reader.GetInt64(2),
            reader.IsDBNull(3) ? (decimal?)null : reader.GetDecimal(3));
        (await reader.ReadAsync()).ShouldBeFalse();
        return result;
    }
}
