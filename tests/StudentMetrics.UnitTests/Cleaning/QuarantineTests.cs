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
        run.Report.Reason.ShouldNotBeNull().Code.ShouldBe("empty_file");
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
        run.Report.Reason.ShouldNotBeNull().Code.ShouldBe("no_data_rows");
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
        run.Report.Reason.ShouldNotBeNull().Code.ShouldBe("not_text");
    }

    [Fact]
    public void Binary_content_is_quarantined_as_not_text()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52 };

        var run = CleaningRun.Of(png);

        run.Report.Reason.ShouldNotBeNull().Code.ShouldBe("not_text");
    }

    [Fact]
    public void Missing_required_columns_quarantine_the_file_with_every_missing_column_named()
    {
        var run = CleaningRun.Of("student_id,grade_level,math_score,notes\nS1,9,80,x\n");

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        var reason = run.Report.Reason.ShouldNotBeNull();
        reason.Code.ShouldBe("missing_required_columns");
        reason.Details["missing"].ShouldBe(["school_id", "term", "days_enrolled", "recorded_on"]);
        run.Report.UnknownColumns.ShouldBe(["notes"]);
    }

    [Fact]
    public void A_missing_column_message_names_what_the_header_had_what_is_accepted_and_where_the_contract_is()
    {
        var run = CleaningRun.Of("school;sex;age;G3\n\"GP\";\"F\";18;6\n");

        var reason = run.Report.Reason.ShouldNotBeNull();
        reason.Message.ShouldContain("the header has no column for student_id, grade_level, term, days_enrolled, recorded_on");
        reason.Message.ShouldContain("It has 'school', 'sex', 'age', 'G3'");
        reason.Message.ShouldContain("student_id (or id, student number, student_no, sid)");
        reason.Message.ShouldContain("docs/feed-contract.md");
        reason.Details["header_cells"].ShouldBe(["school", "sex", "age", "G3"]);
        reason.Details["accepted_names"].Count.ShouldBe(5);
    }

    [Fact]
    public void Missing_optional_columns_leave_their_cells_empty()
    {
        var run = CleaningRun.Of("student_id,school_id,grade_level,term,days_enrolled,recorded_on\nS1,SCH,9,2024-2025-S1,180,2025-01-01\n");

        run.Report.Status.ShouldBe(FileStatus.Cleaned);
        run.Clean[1].ShouldBe(CleaningRun.CleanRow(
            ("student_id", "S1"), ("school_id", "SCH"), ("grade_level", "9"), ("term", "2024-2025-S1"), ("days_enrolled", "180"),
            ("recorded_on", "2025-01-01"), ("source_row", "1")));
    }

    [Fact]
    public void Two_header_cells_mapping_to_one_column_quarantine_the_file_naming_both()
    {
        var run = CleaningRun.Of(CleaningRun.Header + ",Student ID\n" + CleaningRun.Row() + ",S2\n");

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        run.Report.Reason.ShouldNotBeNull().ToString().ShouldStartWith("duplicate_column: header cells 'student_id' and 'Student ID' both map to student_id");
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
            run.Report.Reason.ShouldNotBeNull().ToString().ShouldStartWith("too_many_columns: the header has 201 cells");
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
        moreRun.Report.Reason.ShouldNotBeNull().ToString().ShouldStartWith("too_many_rejected_rows: 3 of 5 data rows rejected, more than 50% (a wrong export?)");
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
        var reason = run.Report.Reason.ShouldNotBeNull();
        reason.Code.ShouldBe("record_too_large");
        reason.Details["line"].ShouldBe(["2"], "the header is line 1; the quote opens in the first row, line 2");
    }

    [Theory]
    [InlineData("\n", 3)]
    [InlineData("\r\n", 3)]
    [InlineData("\r", 3)]
    public void An_unclosed_quote_quarantines_the_file_naming_the_line_it_opened_on(string newline, int line)
    {
        var rows = new[] { CleaningRun.Header + ",notes", CleaningRun.Row() + ",fine", CleaningRun.Row(("student_id", "S2")) + ",\"never closed" }
            .Concat(Enumerable.Range(3, 40).Select(n => CleaningRun.Row(("student_id", "S" + n)) + ",x"));

        var run = CleaningRun.Of(string.Join(newline, rows) + newline);

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        var reason = run.Report.Reason.ShouldNotBeNull();
        reason.Code.ShouldBe("unclosed_quote");
        reason.Details["line"].ShouldBe([line.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        reason.Message.ShouldContain($"line {line}");
    }

    [Fact]
    public void A_quoted_line_break_that_is_closed_is_not_an_unclosed_quote()
    {
        var run = CleaningRun.Of(CleaningRun.Header + ",notes\n" + CleaningRun.Row() + ",\"two\nlines\"\n");

        run.Report.Status.ShouldBe(FileStatus.Cleaned);
    }

    [Theory]
    [InlineData("\n\n\n")]
    [InlineData("   \n \t \r\n")]
    [InlineData(",,,\n,,\n")]
    public void A_file_of_blank_lines_is_empty(string content)
    {
        var run = CleaningRun.Of(content);

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        run.Report.Reason.ShouldNotBeNull().Code.ShouldBe("empty_file");
    }

    [Fact]
    public void Blank_lines_before_the_header_are_not_the_header()
    {
        var run = CleaningRun.Of("\n  \n" + CleaningRun.Header + "\n" + CleaningRun.Row() + "\n");

        run.Report.Status.ShouldBe(FileStatus.Cleaned);
        run.Report.RowsClean.ShouldBe(1);
    }
}
