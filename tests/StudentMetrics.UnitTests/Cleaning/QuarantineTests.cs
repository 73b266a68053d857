using System.Text;
using StudentMetrics.Cleaning;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>File-level quarantine: every condition of the contract, and the file just inside each limit.</summary>
public sealed class QuarantineTests
{
    private static string Rows(int count, Func<int, string>? row = null) =>
        string.Concat(Enumerable.Range(1, count).Select(i => (row ?? (n => CleaningRun.Row(("student_id", "S" + n))))(i) + "\n"));

    [Fact]
    public void An_empty_file_is_quarantined()
    {
        var run = CleaningRun.Of([]);

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        run.Report.Reason.ShouldStartWith("empty_file");
        run.Report.Source.SizeBytes.ShouldBe(0);
    }

    [Theory]
    [InlineData(CleaningRun.Header)]
    [InlineData(CleaningRun.Header + "\n")]
    [InlineData(CleaningRun.Header + "\r\n\r\n,,,\n")]
    public void A_file_with_only_a_header_is_quarantined(string content)
    {
        var run = CleaningRun.Of(content);

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        run.Report.Reason.ShouldStartWith("no_data_rows");
    }

    [Fact]
    public void A_header_and_one_row_is_cleaned()
    {
        var run = CleaningRun.Of(CleaningRun.Header + "\n" + CleaningRun.Row());

        run.Report.Status.ShouldBe(FileStatus.Cleaned);
        run.Report.RowsClean.ShouldBe(1);
    }

    [Fact]
    public void A_file_holding_a_nul_byte_is_quarantined_as_not_text()
    {
        var content = Encoding.UTF8.GetBytes(CleaningRun.Header + "\n" + CleaningRun.Row() + "\n").Concat(new byte[] { 0, 1, 2, 0 }).ToArray();

        var run = CleaningRun.Of(content);

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        run.Report.Reason.ShouldStartWith("not_text");
    }

    [Fact]
    public void Binary_content_is_quarantined_as_not_text()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52 };

        var run = CleaningRun.Of(png);

        run.Report.Reason.ShouldStartWith("not_text");
    }

    [Fact]
    public void Missing_required_columns_quarantine_the_file_with_every_missing_column_named()
    {
        var run = CleaningRun.Of("student_id,grade_level,math_score,notes\nS1,9,80,x\n");

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        run.Report.Reason.ShouldBe("missing_required_columns: school_id, term, days_enrolled, recorded_on");
        run.Report.UnknownColumns.ShouldBe(["notes"]);
    }

    [Fact]
    public void Missing_optional_columns_leave_their_cells_empty()
    {
        var run = CleaningRun.Of("student_id,school_id,grade_level,term,days_enrolled,recorded_on\nS1,SCH,9,2024-2025-S1,180,2025-01-01\n");

        run.Report.Status.ShouldBe(FileStatus.Cleaned);
        run.Clean[1].ShouldBe(["S1", "SCH", "9", "2024-2025-S1", "", "", "", "", "180", "", "", "", "2025-01-01", "1"]);
    }

    [Fact]
    public void Two_header_cells_mapping_to_one_column_quarantine_the_file_naming_both()
    {
        var run = CleaningRun.Of(CleaningRun.Header + ",Student ID\n" + CleaningRun.Row() + ",S2\n");

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        run.Report.Reason.ShouldBe("duplicate_column: header cells 'student_id' and 'Student ID' both map to student_id");
    }

    [Fact]
    public void Two_unknown_header_cells_of_the_same_name_are_not_a_duplicate_column()
    {
        var run = CleaningRun.Of(CleaningRun.Header + ",notes,notes\n" + CleaningRun.Row() + ",a,b\n");

        run.Report.Status.ShouldBe(FileStatus.Cleaned);
        run.Report.UnknownColumns.ShouldBe(["notes", "notes"]);
    }

    [Theory]
    [InlineData(200, FileStatus.Cleaned)]
    [InlineData(201, FileStatus.Quarantined)]
    public void More_than_200_columns_quarantine_the_file(int columns, FileStatus expected)
    {
        var extra = Enumerable.Range(1, columns - 13).Select(i => "extra" + i).ToList();
        var content = CleaningRun.Header + "," + string.Join(',', extra) + "\n" + CleaningRun.Row() + "," + string.Join(',', extra.Select(_ => "x")) + "\n";

        var run = CleaningRun.Of(content);

        run.Report.Status.ShouldBe(expected);
        if (expected == FileStatus.Quarantined)
        {
            run.Report.Reason.ShouldStartWith("too_many_columns: the header has 201 cells");
        }
    }

    [Fact]
    public void Exactly_half_of_the_rows_rejected_is_cleaned_and_more_than_half_is_quarantined()
    {
        var half = CleaningRun.Header + "\n" + Rows(2) + Rows(2, n => CleaningRun.Row(("student_id", "B" + n), ("gpa", "9")));
        var more = CleaningRun.Header + "\n" + Rows(2) + Rows(3, n => CleaningRun.Row(("student_id", "B" + n), ("gpa", "9")));

        var halfRun = CleaningRun.Of(half);
        var moreRun = CleaningRun.Of(more);

        halfRun.Report.Status.ShouldBe(FileStatus.Cleaned);
        halfRun.Report.RowsRejected.ShouldBe(2);
        moreRun.Report.Status.ShouldBe(FileStatus.Quarantined);
        moreRun.Report.Reason.ShouldBe("too_many_rejected_rows: 3 of 5 data rows rejected, more than 50% (a wrong export?)");
        moreRun.Report.RowsRead.ShouldBe(5);
        moreRun.Report.RejectReasons["gpa:out_of_range"].ShouldBe(3);
    }

    [Fact]
    public void The_reject_ratio_threshold_is_a_setting()
    {
        var content = CleaningRun.Header + "\n" + Rows(8) + Rows(2, n => CleaningRun.Row(("student_id", "B" + n), ("gpa", "9")));

        var strict = CleaningRun.Of(content, new CleanerOptions { Clock = new FixedClock(CleaningRun.Now), QuarantineRejectRatio = 0.1 });
        var lenient = CleaningRun.Of(content, new CleanerOptions { Clock = new FixedClock(CleaningRun.Now), QuarantineRejectRatio = 0.2 });

        strict.Report.Status.ShouldBe(FileStatus.Quarantined);
        lenient.Report.Status.ShouldBe(FileStatus.Cleaned);
    }

    [Fact]
    public void An_unclosed_quote_swallowing_more_than_the_record_limit_quarantines_the_file()
    {
        var content = CleaningRun.Header + ",notes\n" + CleaningRun.Row() + ",\"open\n" + string.Concat(Enumerable.Repeat(CleaningRun.Row() + ",x\n", 20000));

        var run = CleaningRun.Of(content, new CleanerOptions { Clock = new FixedClock(CleaningRun.Now), MaxRecordBytes = 256 * 1024 });

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        run.Report.Reason.ShouldStartWith("record_too_large");
    }
}
