using StudentMetrics.Cleaning;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>A source sends only the schools it is registered for: any other school's row is rejected, whatever else it holds.</summary>
public sealed class SourcePermissionTests
{
    private static CleanerOptions Permitting(params string[] schools) =>
        new() { Clock = new FixedClock(CleaningRun.Now), PermittedValues = schools };

    [Fact]
    public void A_row_for_a_school_the_source_may_not_send_is_rejected_as_not_permitted_and_counted()
    {
        var csv = CleaningRun.Header + "\n"
            + CleaningRun.Row(("student_id", "A1"), ("school_id", "sch-a")) + "\n"
            + CleaningRun.Row(("student_id", "B1"), ("school_id", "SCH-B")) + "\n"
            + CleaningRun.Row(("student_id", "A2"), ("school_id", " Sch-A ")) + "\n";

        var run = CleaningRun.Of(csv, Permitting("SCH-A"));

        run.Report.RowsClean.ShouldBe(2);
        run.Report.RowsRejected.ShouldBe(1);
        run.Report.RejectReasons.ShouldBe(new Dictionary<string, long> { ["school_id:not_permitted_for_source"] = 1 });
        run.Rejects[1][0].ShouldBe("B1");
        run.FirstReasons.ShouldBe("school_id:not_permitted_for_source");
        run.Clean.Skip(1).Select(r => r[1]).ShouldAllBe(school => school == "SCH-A");
    }

    [Fact]
    public void Not_permitted_is_listed_with_every_other_rule_the_row_breaks()
    {
        var csv = CleaningRun.Header + "\n" + CleaningRun.Row(("student_id", "S0"), ("school_id", "OTHER"), ("math_score", "101")) + "\n" + CleaningRun.Row() + "\n" + CleaningRun.Row(("student_id", "S2")) + "\n";

        var run = CleaningRun.Of(csv, Permitting("SCH-1"));

        run.FirstReasons.ShouldBe("math_score:out_of_range;school_id:not_permitted_for_source");
    }

    [Fact]
    public void A_school_id_that_is_not_valid_is_rejected_for_that_not_for_permission()
    {
        var csv = CleaningRun.Header + "\n" + CleaningRun.Row(("school_id", "SCH 1!")) + "\n" + CleaningRun.Row(("student_id", "S2")) + "\n" + CleaningRun.Row(("student_id", "S3")) + "\n";

        var run = CleaningRun.Of(csv, Permitting("SCH-1"));

        run.FirstReasons.ShouldBe("school_id:invalid_format");
    }

    [Fact]
    public void Without_a_registry_every_school_is_accepted()
    {
        var run = CleaningRun.Of(CleaningRun.Header + "\n" + CleaningRun.Row(("school_id", "ANY-SCHOOL")) + "\n");

        run.Report.RowsClean.ShouldBe(1);
    }

    [Fact]
    public void A_source_permitted_no_school_sends_nothing_and_the_file_is_quarantined_for_it()
    {
        var run = CleaningRun.Of(CleaningRun.Header + "\n" + CleaningRun.Row() + "\n", Permitting());

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        run.Report.Reason.ShouldNotBeNull().Code.ShouldBe(QuarantineReasons.TooManyRejectedRowsCode);
        run.Report.RejectReasons.Keys.ShouldBe(["school_id:not_permitted_for_source"]);
    }
}
