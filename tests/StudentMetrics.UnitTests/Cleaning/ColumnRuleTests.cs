using StudentMetrics.Cleaning;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>Every column rule of the contract: a value at the boundary that passes (and its canonical form), and values that break it.</summary>
public sealed class ColumnRuleTests
{
    [Theory]
    // Ids: upper-cased; 1-20 characters of A-Z 0-9 - _.
    [InlineData("student_id", "s-01_x", "S-01_X")]
    [InlineData("student_id", "A", "A")]
    [InlineData("student_id", "ABCDEFGHIJ0123456789", "ABCDEFGHIJ0123456789")]
    [InlineData("student_id", "  abc  ", "ABC")]
    [InlineData("school_id", "sch-106", "SCH-106")]
    [InlineData("school_id", "12345678901234567890", "12345678901234567890")]
    // grade_level: -1..12; PK, K, KG, 9th, Grade 9, 12.0.
    [InlineData("grade_level", "-1", "-1")]
    [InlineData("grade_level", "12", "12")]
    [InlineData("grade_level", "0", "0")]
    [InlineData("grade_level", "PK", "-1")]
    [InlineData("grade_level", "pk", "-1")]
    [InlineData("grade_level", "K", "0")]
    [InlineData("grade_level", "KG", "0")]
    [InlineData("grade_level", "9th", "9")]
    [InlineData("grade_level", "1st", "1")]
    [InlineData("grade_level", "Grade 9", "9")]
    [InlineData("grade_level", "grade 12", "12")]
    [InlineData("grade_level", "12.0", "12")]
    [InlineData("grade_level", "09", "9")]
    // term: canonical YYYY-YYYY-P.
    [InlineData("term", "2024-2025-S1", "2024-2025-S1")]
    [InlineData("term", "2024-25 S1", "2024-2025-S1")]
    [InlineData("term", "2024/2025 s1", "2024-2025-S1")]
    [InlineData("term", "2024-2025_S1", "2024-2025-S1")]
    [InlineData("term", "2099-00 FY", "2099-2100-FY")]
    [InlineData("term", "2024-2025-T3", "2024-2025-T3")]
    [InlineData("term", "2024-2025-Q4", "2024-2025-Q4")]
    // Scores: 0-100, 2 places; 85, 85.5, 85%.
    [InlineData("math_score", "0", "0.00")]
    [InlineData("math_score", "100", "100.00")]
    [InlineData("math_score", "85", "85.00")]
    [InlineData("math_score", "85.5", "85.50")]
    [InlineData("math_score", "85%", "85.00")]
    [InlineData("math_score", "85.555", "85.56")]
    [InlineData("math_score", "85.554", "85.55")]
    [InlineData("math_score", "100.004", "100.00")]
    [InlineData("reading_score", "100.00", "100.00")]
    [InlineData("science_score", ".5", "0.50")]
    [InlineData("math_score", "NA", "")]
    [InlineData("reading_score", "", "")]
    // gpa: 0.00-5.00.
    [InlineData("gpa", "0.00", "0.00")]
    [InlineData("gpa", "5.00", "5.00")]
    [InlineData("gpa", "5", "5.00")]
    [InlineData("gpa", "3.456", "3.46")]
    // days_enrolled 0-366; days_present 0..days_enrolled; tardies, incidents >= 0.
    [InlineData("days_enrolled", "366", "366")]
    [InlineData("days_enrolled", "180.0", "180")]
    [InlineData("days_present", "180", "180")]
    [InlineData("days_present", "0", "0")]
    [InlineData("days_present", "N/A", "")]
    [InlineData("tardies", "0", "0")]
    [InlineData("tardies", "250", "250")]
    [InlineData("behavior_incidents", "0", "0")]
    [InlineData("behavior_incidents", "none", "")]
    // recorded_on: ISO, US, 15-Mar-2025, ISO with time; 2000-01-01 .. processing day + 1 (2025-06-02).
    [InlineData("recorded_on", "2025-03-15", "2025-03-15")]
    [InlineData("recorded_on", "3/15/2025", "2025-03-15")]
    [InlineData("recorded_on", "03/15/2025", "2025-03-15")]
    [InlineData("recorded_on", "15-Mar-2025", "2025-03-15")]
    [InlineData("recorded_on", "15-mar-2025", "2025-03-15")]
    [InlineData("recorded_on", "2025-03-15T10:00:00Z", "2025-03-15")]
    [InlineData("recorded_on", "2000-01-01", "2000-01-01")]
    [InlineData("recorded_on", "2025-06-02", "2025-06-02")]
    [InlineData("recorded_on", "2024-02-29", "2024-02-29")]
    public void A_value_at_the_boundary_or_in_an_accepted_form_is_cleaned_to_its_canonical_form(string column, string raw, string canonical)
    {
        var run = CleaningRun.Of(CleaningRun.Header + "\n" + CleaningRun.Row((column, raw)) + "\n");

        run.Report.Status.ShouldBe(FileStatus.Cleaned);
        run.Report.RowsClean.ShouldBe(1);
        run.CleanValue(column).ShouldBe(canonical);
    }

    [Theory]
    [InlineData("student_id", "", "student_id:missing")]
    [InlineData("student_id", "NA", "student_id:missing")]
    [InlineData("student_id", "ABCDEFGHIJ01234567890", "student_id:invalid_format")]
    [InlineData("student_id", "S 001", "student_id:invalid_format")]
    [InlineData("student_id", "S.001", "student_id:invalid_format")]
    [InlineData("student_id", "SÖ01", "student_id:invalid_format")]
    [InlineData("school_id", "null", "school_id:missing")]
    [InlineData("school_id", "SCH#1", "school_id:invalid_format")]
    [InlineData("grade_level", "13", "grade_level:out_of_range")]
    [InlineData("grade_level", "-2", "grade_level:out_of_range")]
    [InlineData("grade_level", "ninth", "grade_level:unparseable_number")]
    [InlineData("grade_level", "9.5", "grade_level:unparseable_number")]
    [InlineData("grade_level", "--", "grade_level:missing")]
    [InlineData("term", "2024-2026-S1", "term:invalid_format")]
    [InlineData("term", "2024-2025-S3", "term:invalid_format")]
    [InlineData("term", "Fall 2024", "term:invalid_format")]
    [InlineData("term", "2024-2025", "term:invalid_format")]
    [InlineData("term", "#N/A", "term:missing")]
    [InlineData("math_score", "100.01", "math_score:out_of_range")]
    [InlineData("math_score", "-0.01", "math_score:out_of_range")]
    [InlineData("math_score", "eighty", "math_score:unparseable_number")]
    [InlineData("math_score", "8.5e1", "math_score:unparseable_number")]
    [InlineData("reading_score", "101%", "reading_score:out_of_range")]
    [InlineData("science_score", "\"1,000\"", "science_score:unparseable_number")]
    [InlineData("gpa", "5.01", "gpa:out_of_range")]
    [InlineData("gpa", "-0.5", "gpa:out_of_range")]
    [InlineData("gpa", "3.5%", "gpa:unparseable_number")]
    [InlineData("days_enrolled", "367", "days_enrolled:out_of_range")]
    [InlineData("days_enrolled", "-1", "days_enrolled:out_of_range")]
    [InlineData("days_enrolled", "", "days_enrolled:missing")]
    [InlineData("days_enrolled", "many", "days_enrolled:unparseable_number")]
    [InlineData("days_present", "181", "days_present:present_exceeds_enrolled")]
    [InlineData("days_present", "-1", "days_present:out_of_range")]
    [InlineData("tardies", "-1", "tardies:out_of_range")]
    [InlineData("tardies", "1.5", "tardies:unparseable_number")]
    [InlineData("behavior_incidents", "-3", "behavior_incidents:out_of_range")]
    [InlineData("recorded_on", "1999-12-31", "recorded_on:out_of_range")]
    [InlineData("recorded_on", "2025-06-03", "recorded_on:out_of_range")]
    [InlineData("recorded_on", "2025-02-30", "recorded_on:unparseable_date")]
    [InlineData("recorded_on", "15/03/2025", "recorded_on:unparseable_date")]
    [InlineData("recorded_on", "March 15 2025", "recorded_on:unparseable_date")]
    [InlineData("recorded_on", "", "recorded_on:missing")]
    public void A_value_that_breaks_a_rule_rejects_the_row_with_its_code(string column, string raw, string reason)
    {
        var input = CleaningRun.Header + "\n" + CleaningRun.Row((column, raw)) + "\n" + CleaningRun.Row(("student_id", "S002")) + "\n";

        var run = CleaningRun.Of(input);

        run.Report.RowsRejected.ShouldBe(1);
        run.Report.RowsClean.ShouldBe(1);
        run.FirstReasons.ShouldBe(reason);
        run.Report.RejectReasons.ShouldBe(new Dictionary<string, long> { [reason] = 1 });
    }

    [Fact]
    public void A_field_over_1000_characters_is_too_long_and_one_of_exactly_1000_is_judged_on_its_value()
    {
        var longId = new string('A', 1001);
        var exactly = new string('A', 1000);
        var input = CleaningRun.Header + "\n" + CleaningRun.Row(("student_id", longId)) + "\n" + CleaningRun.Row(("student_id", exactly)) + "\n"
            + CleaningRun.Row(("student_id", "S3")) + "\n" + CleaningRun.Row(("student_id", "S4")) + "\n";

        var run = CleaningRun.Of(input);

        run.Rejects[1][^1].ShouldBe("student_id:too_long");
        run.Rejects[2][^1].ShouldBe("student_id:invalid_format");
        run.Report.RowsClean.ShouldBe(2);
    }

    [Fact]
    public void A_row_breaking_several_rules_lists_every_one_of_them()
    {
        var row = CleaningRun.Row(("math_score", "101"), ("recorded_on", "someday"), ("school_id", ""), ("days_present", "200"));
        var input = CleaningRun.Header + "\n" + row + "\n" + CleaningRun.Row(("student_id", "S2")) + "\n";

        var run = CleaningRun.Of(input);

        run.FirstReasons.ShouldBe("school_id:missing;math_score:out_of_range;recorded_on:unparseable_date;days_present:present_exceeds_enrolled");
        run.Report.RejectReasons.Count.ShouldBe(4);
    }

    [Fact]
    public void Days_present_equal_to_days_enrolled_passes_and_one_more_is_rejected()
    {
        var input = CleaningRun.Header + "\n"
            + CleaningRun.Row(("days_enrolled", "0"), ("days_present", "0")) + "\n"
            + CleaningRun.Row(("student_id", "S2"), ("days_enrolled", "10"), ("days_present", "11")) + "\n"
            + CleaningRun.Row(("student_id", "S3"), ("days_enrolled", "10"), ("days_present", "10")) + "\n";

        var run = CleaningRun.Of(input);

        run.Report.RowsClean.ShouldBe(2);
        run.FirstReasons.ShouldBe("days_present:present_exceeds_enrolled");
    }

    [Fact]
    public void In_a_semicolon_file_a_comma_is_a_decimal_point_and_in_a_comma_file_it_is_not()
    {
        var semicolon = CleaningRun.Header.Replace(',', ';') + "\n" + CleaningRun.Row(("math_score", "85,5"), ("gpa", "3,25"), ("days_enrolled", "180,0")).Replace(',', ';').Replace("85;5", "85,5").Replace("3;25", "3,25").Replace("180;0", "180,0") + "\n";
        var comma = CleaningRun.Header + "\n" + CleaningRun.Row(("math_score", "\"85,5\"")) + "\n" + CleaningRun.Row(("student_id", "S2")) + "\n";

        var semicolonRun = CleaningRun.Of(semicolon);
        var commaRun = CleaningRun.Of(comma);

        semicolonRun.Report.Delimiter.ShouldBe(";");
        semicolonRun.CleanValue("math_score").ShouldBe("85.50");
        semicolonRun.CleanValue("gpa").ShouldBe("3.25");
        semicolonRun.CleanValue("days_enrolled").ShouldBe("180");
        commaRun.FirstReasons.ShouldBe("math_score:unparseable_number");
    }

    [Theory]
    [InlineData("NA")]
    [InlineData("n/a")]
    [InlineData("#N/A")]
    [InlineData("NULL")]
    [InlineData("None")]
    [InlineData("-")]
    [InlineData("--")]
    [InlineData("   ")]
    [InlineData(" na ")]
    public void Every_null_token_is_a_null_in_an_optional_column_and_missing_in_a_required_one(string token)
    {
        var input = CleaningRun.Header + "\n" + CleaningRun.Row(("gpa", token)) + "\n" + CleaningRun.Row(("student_id", "S2"), ("school_id", token)) + "\n"
            + CleaningRun.Row(("student_id", "S3")) + "\n";

        var run = CleaningRun.Of(input);

        run.CleanValue("gpa").ShouldBe("");
        run.FirstReasons.ShouldBe("school_id:missing");
    }
}
