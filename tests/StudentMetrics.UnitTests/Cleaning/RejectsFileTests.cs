using StudentMetrics.Cleaning;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>The rejects file: raw values as they came, formulas neutralised, raw header, source_row and reasons.</summary>
public sealed class RejectsFileTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\rx")]
    [InlineData("=HYPERLINK(\"\"http://x\"\")", "'=HYPERLINK(\"http://x\")")]
    [InlineData("a=1", "a=1")]
    public void A_raw_value_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(string raw, string written)
    {
        var content = "notes,student_id,school_id,grade_level,term,days_enrolled,recorded_on\n\"" + raw + "\",S1,SCH,9,2024-2025-S1,999,2025-01-01\nok,S2,SCH,9,2024-2025-S1,180,2025-01-01\n";

        var run = CleaningRun.Of(content);

        run.FirstReasons.ShouldBe("days_enrolled:out_of_range");
        run.Rejects[1][0].ShouldBe(written);
    }

    [Fact]
    public void Rejected_rows_keep_their_raw_cells_untrimmed_with_the_raw_header()
    {
        var content = "Student ID,School,Grade,Term,Days Enrolled,Date,notes\n  s1 ,SCH, 13 ,2024-2025-S1,180,2025-01-01,\"a, \"\"quoted\"\"\nline\"\nS2,SCH,9,2024-2025-S1,180,2025-01-01,\n";

        var run = CleaningRun.Of(content);

        run.Rejects[0].ShouldBe(["Student ID", "School", "Grade", "Term", "Days Enrolled", "Date", "notes", "source_row", "reasons"]);
        run.Rejects[1].ShouldBe(["  s1 ", "SCH", " 13 ", "2024-2025-S1", "180", "2025-01-01", "a, \"quoted\"\nline", "1", "grade_level:out_of_range"]);
    }

    [Fact]
    public void A_short_row_is_padded_and_the_cells_of_a_long_row_follow_the_reasons()
    {
        var content = "student_id,school_id,grade_level,term,days_enrolled,recorded_on\nS1,SCH\nS2,SCH,9,2024-2025-S1,180,2025-01-01,x,y\nS3,SCH,9,2024-2025-S1,180,2025-01-01\nS4,SCH,9,2024-2025-S1,180,2025-01-01\n";

        var run = CleaningRun.Of(content);

        run.Rejects[1].ShouldBe(["S1", "SCH", "", "", "", "", "1", "row:wrong_field_count"]);
        run.Rejects[2].ShouldBe(["S2", "SCH", "9", "2024-2025-S1", "180", "2025-01-01", "2", "row:wrong_field_count", "x", "y"]);
    }

    [Fact]
    public void Outputs_are_comma_delimited_lf_utf8_without_bom_with_a_header()
    {
        var content = "\uFEFFstudent_id;school_id;grade_level;term;days_enrolled;recorded_on\r\nS1;SCH;9;2024-2025-S1;180;2025-01-01\r\nS2;SCH;99;2024-2025-S1;180;2025-01-01\r\nS3;SCH;9;2024-2025-S1;180;2025-01-01\r\n";

        var run = CleaningRun.Of(content);

        run.CleanText.ShouldNotContain("\r");
        run.CleanText.ShouldNotContain(";");
        run.CleanText[0].ShouldBe('s');
        run.RejectsText.ShouldBe("student_id,school_id,grade_level,term,days_enrolled,recorded_on,source_row,reasons\nS2,SCH,99,2024-2025-S1,180,2025-01-01,2,grade_level:out_of_range\n");
        run.Report.Encoding.ShouldBe("utf-8-bom");
    }
}
