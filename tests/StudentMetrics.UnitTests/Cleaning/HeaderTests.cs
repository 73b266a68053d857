using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>Header matching: aliases, case, spaces, separators; trailing empty cell; unknown columns.</summary>
public sealed class HeaderTests
{
    [Theory]
    [InlineData("Student ID", "studentid")]
    [InlineData("student_id", "studentid")]
    [InlineData("STUDENTID", "studentid")]
    [InlineData("  student-id  ", "studentid")]
    [InlineData("Days In Membership", "daysinmembership")]
    public void Normalising_ignores_case_surrounding_spaces_and_separators(string cell, string normalised) =>
        HeaderNames.Normalise(cell).ShouldBe(normalised);

    [Theory]
    [InlineData("student_id", "id", "Student Number", "student_no", "SID")]
    [InlineData("school_id", "school", "School Code", "building id", "SCHOOL_ID")]
    [InlineData("grade_level", "grade", "Grade Lvl", "grade-level", "GradeLevel")]
    [InlineData("term", "semester", "Period", "TERM", " term ")]
    [InlineData("math_score", "math", "Math Score", "MATH", "math-score")]
    [InlineData("reading_score", "reading", "ela_score", "ELA Score", "Reading Score")]
    [InlineData("science_score", "science", "Science", "science score", "SCIENCE_SCORE")]
    [InlineData("gpa", "grade point average", "GPA", "Grade_Point_Average", "g p a")]
    [InlineData("days_enrolled", "enrolled days", "days_in_membership", "Days Enrolled", "DAYS-ENROLLED")]
    [InlineData("days_present", "present days", "days_attended", "Days Attended", "daysPresent")]
    [InlineData("tardies", "tardy", "late arrivals", "Late Arrivals", "TARDIES")]
    [InlineData("behavior_incidents", "incidents", "discipline_incidents", "Discipline Incidents", "behavior incidents")]
    [InlineData("recorded_on", "as_of", "record_date", "date", "As Of")]
    public void Every_alias_and_spelling_maps_to_its_column(string column, params string[] spellings)
    {
        foreach (var spelling in spellings)
        {
            var header = CleaningRun.Header.Split(',').Select(c => c == column ? spelling : c);

            var run = CleaningRun.Of(string.Join(',', header) + "\n" + CleaningRun.Row() + "\n");

            run.Report.Status.ShouldBe(FileStatus.Cleaned, $"header cell '{spelling}' for {column}");
            run.Report.UnknownColumns.ShouldBeEmpty();
            run.CleanValue(column).ShouldNotBeNull();
        }
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_are_written_in_the_contract_order()
    {
        var run = CleaningRun.Of("recorded_on,days_enrolled,term,grade_level,school_id,student_id\n2025-01-01,180,2024-2025-S1,9,sch,s1\n");

        run.Clean[0].ShouldBe(CleaningRun.CleanHeader);
        run.Clean[1].ShouldBe(CleaningRun.CleanRow(
            ("student_id", "S1"), ("school_id", "SCH"), ("grade_level", "9"), ("term", "2024-2025-S1"), ("days_enrolled", "180"),
            ("recorded_on", "2025-01-01"), ("source_row", "1")));
    }

    [Fact]
    public void Unknown_columns_are_listed_as_they_came_and_not_loaded()
    {
        var run = CleaningRun.Of(CleaningRun.Header + ", Teacher Notes ,Homeroom\n" + CleaningRun.Row() + ",nice,12B\n");

        run.Report.UnknownColumns.ShouldBe([" Teacher Notes ", "Homeroom"]);
        run.Clean[0].ShouldBe(CleaningRun.CleanHeader);
    }

    [Fact]
    public void A_trailing_empty_header_cell_is_ignored_and_so_are_the_matching_empty_cells()
    {
        var content = CleaningRun.Header + ",\n" + CleaningRun.Row() + ",\n" + CleaningRun.Row(("student_id", "S2")) + "\n" + CleaningRun.Row(("student_id", "S3")) + ",extra\n";

        var run = CleaningRun.Of(content);

        run.Report.UnknownColumns.ShouldBeEmpty();
        run.Report.RowsClean.ShouldBe(2);
        run.FirstReasons.ShouldBe("row:wrong_field_count");
        run.Rejects[0].ShouldBe(CleaningRun.Header.Split(',').Append("source_row").Append("reasons").ToArray());
    }
}
