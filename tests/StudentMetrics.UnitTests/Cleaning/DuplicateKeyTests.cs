using StudentMetrics.Cleaning;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>(student_id, term) more than once in a file: the latest recorded_on wins, a tie goes to the later row.</summary>
public sealed class DuplicateKeyTests
{
    [Fact]
    public void The_row_with_the_latest_recorded_on_is_kept_wherever_it_is()
    {
        var content = CleaningRun.Header + "\n"
            + CleaningRun.Row(("recorded_on", "2025-03-01"), ("gpa", "1.00")) + "\n"
            + CleaningRun.Row(("recorded_on", "2025-05-01"), ("gpa", "2.00")) + "\n"
            + CleaningRun.Row(("recorded_on", "2025-04-01"), ("gpa", "3.00")) + "\n"
            + CleaningRun.Row(("student_id", "S2")) + "\n";

        var run = CleaningRun.Of(content);

        run.Report.RowsClean.ShouldBe(2);
        run.CleanValue("gpa").ShouldBe("2.00");
        run.CleanValue("source_row").ShouldBe("2");
        run.Rejects.Skip(1).Select(r => r[^2] + ":" + r[^1]).ShouldBe(["1:row:duplicate_key", "3:row:duplicate_key"]);
        run.Report.RejectReasons["row:duplicate_key"].ShouldBe(2);
    }

    [Fact]
    public void On_a_tie_the_later_row_is_kept()
    {
        var content = CleaningRun.Header + "\n"
            + CleaningRun.Row(("gpa", "1.00")) + "\n"
            + CleaningRun.Row(("gpa", "2.00")) + "\n"
            + CleaningRun.Row(("student_id", "S2")) + "\n";

        var run = CleaningRun.Of(content);

        run.CleanValue("gpa").ShouldBe("2.00");
        run.Rejects[1][^2].ShouldBe("1");
    }

    [Fact]
    public void Keys_are_compared_in_canonical_form()
    {
        var content = CleaningRun.Header + "\n"
            + CleaningRun.Row(("student_id", "s-1"), ("term", "2024-25 S1"), ("recorded_on", "3/15/2025")) + "\n"
            + CleaningRun.Row(("student_id", "S-1"), ("term", "2024-2025-s1"), ("recorded_on", "2025-03-14")) + "\n"
            + CleaningRun.Row(("student_id", "S2")) + "\n";

        var run = CleaningRun.Of(content);

        run.Report.RowsClean.ShouldBe(2);
        run.CleanValue("source_row").ShouldBe("1");
        run.FirstReasons.ShouldBe("row:duplicate_key");
    }

    [Fact]
    public void The_same_student_in_another_term_is_not_a_duplicate()
    {
        var content = CleaningRun.Header + "\n" + CleaningRun.Row() + "\n" + CleaningRun.Row(("term", "2024-2025-S2")) + "\n";

        var run = CleaningRun.Of(content);

        run.Report.RowsClean.ShouldBe(2);
        run.Report.RowsRejected.ShouldBe(0);
    }

    [Fact]
    public void A_row_with_an_invalid_date_takes_no_part_in_choosing_the_winner()
    {
        var content = CleaningRun.Header + "\n"
            + CleaningRun.Row(("recorded_on", "2025-03-01")) + "\n"
            + CleaningRun.Row(("recorded_on", "not a date")) + "\n"
            + CleaningRun.Row(("student_id", "S2")) + "\n";

        var run = CleaningRun.Of(content);

        run.CleanValue("source_row").ShouldBe("1");
        run.FirstReasons.ShouldBe("recorded_on:unparseable_date");
    }

    [Fact]
    public void A_winner_that_breaks_another_rule_is_rejected_for_it_and_the_older_rows_stay_duplicates()
    {
        var content = CleaningRun.Header + "\n"
            + CleaningRun.Row(("recorded_on", "2025-03-01")) + "\n"
            + CleaningRun.Row(("recorded_on", "2025-04-01"), ("gpa", "7")) + "\n"
            + CleaningRun.Row(("student_id", "S2")) + "\n"
            + CleaningRun.Row(("student_id", "S3")) + "\n";

        var run = CleaningRun.Of(content);

        run.Rejects.Skip(1).Select(r => r[^1]).ShouldBe(["row:duplicate_key", "gpa:out_of_range"]);
    }

    [Fact]
    public void Many_distinct_keys_and_a_few_duplicates_among_them_are_all_resolved()
    {
        var rows = Enumerable.Range(1, 20000).Select(i => CleaningRun.Row(("student_id", "S" + i))).ToList();
        rows.Add(CleaningRun.Row(("student_id", "S77"), ("recorded_on", "2025-04-01")));
        rows.Add(CleaningRun.Row(("student_id", "S19999"), ("recorded_on", "2025-01-01")));

        var run = CleaningRun.Of(CleaningRun.Header + "\n" + string.Join('\n', rows) + "\n");

        run.Report.RowsClean.ShouldBe(20000);
        run.Rejects.Skip(1).Select(r => r[^2]).ShouldBe(["77", "20002"]);
    }
}
