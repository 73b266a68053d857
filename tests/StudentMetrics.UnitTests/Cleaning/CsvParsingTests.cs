using System.Text;
using StudentMetrics.Cleaning;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>RFC 4180 as exports write it: quotes, escaped quotes, embedded line breaks, mixed line endings, delimiters.</summary>
public sealed class CsvParsingTests
{
    private const string Short = "student_id,school_id,grade_level,term,days_enrolled,recorded_on,notes";

    [Fact]
    public void Quoted_fields_hold_delimiters_escaped_quotes_and_line_breaks()
    {
        var content = Short + "\n\"S1\",\"SCH\",\"9\",\"2024-2025-S1\",\"180\",\"2025-01-01\",\"a,b \"\"c\"\"\r\nd\"\nS2,SCH,99,2024-2025-S1,180,2025-01-01,\"x\ny\"\nS3,SCH,9,2024-2025-S1,180,2025-01-01,\n";

        var run = CleaningRun.Of(content);

        run.Report.RowsRead.ShouldBe(3);
        run.Report.RowsClean.ShouldBe(2);
        run.Rejects[1].ShouldBe(["S2", "SCH", "99", "2024-2025-S1", "180", "2025-01-01", "x\ny", "2", "grade_level:out_of_range"]);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Every_line_ending_ends_a_record_and_they_may_be_mixed(string ending)
    {
        var content = Short + ending + "S1,SCH,9,2024-2025-S1,180,2025-01-01,a\r\nS2,SCH,9,2024-2025-S1,180,2025-01-01,b" + ending + "S3,SCH,9,2024-2025-S1,180,2025-01-01,c\n";

        var run = CleaningRun.Of(content);

        run.Report.RowsClean.ShouldBe(3);
        run.Clean.Skip(1).Select(r => r[0] + "@" + r[^1]).ShouldBe(["S1@1", "S2@2", "S3@3"]);
    }

    [Fact]
    public void The_last_row_needs_no_line_break()
    {
        var run = CleaningRun.Of(Short + "\nS1,SCH,9,2024-2025-S1,180,2025-01-01,\"last\"");

        run.Report.RowsClean.ShouldBe(1);
    }

    [Fact]
    public void Blank_lines_are_not_data_rows_but_keep_their_row_numbers()
    {
        var content = Short + "\nS1,SCH,9,2024-2025-S1,180,2025-01-01,a\n\n ,, ,,,,\nS2,SCH,9,2024-2025-S1,180,2025-01-01,b\n\n";

        var run = CleaningRun.Of(content);

        run.Report.RowsRead.ShouldBe(2);
        run.Report.RowsRejected.ShouldBe(0);
        run.Clean.Skip(1).Select(r => r[^1]).ShouldBe(["1", "4"]);
    }

    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public void The_delimiter_is_detected_from_the_header_line(char delimiter)
    {
        var content = Short.Replace(',', delimiter) + "\n" + "S1,SCH,9,2024-2025-S1,180,2025-01-01,\"a,b;c\"".Replace(',', delimiter).Replace(delimiter + "b", ",b", StringComparison.Ordinal) + "\n";

        var run = CleaningRun.Of(content);

        run.Report.Delimiter.ShouldBe(delimiter.ToString());
        run.Report.RowsClean.ShouldBe(1);
    }

    [Fact]
    public void A_delimiter_inside_a_quoted_header_cell_does_not_count()
    {
        var content = "\"a;b;c;d\",student_id,school_id,grade_level,term,days_enrolled,recorded_on\nx,S1,SCH,9,2024-2025-S1,180,2025-01-01\n";

        var run = CleaningRun.Of(content);

        run.Report.Delimiter.ShouldBe(",");
        run.Report.UnknownColumns.ShouldBe(["a;b;c;d"]);
    }

    [Fact]
    public void White_space_after_a_closing_quote_is_dropped_and_other_text_makes_the_field_literal()
    {
        var content = Short + "\n\"S1\"  ,SCH,9,2024-2025-S1,180,2025-01-01,\"a\"b\nS2,SCH,9,2024-2025-S1,180,2025-01-01,x\n";

        var run = CleaningRun.Of(content);

        run.Report.RowsClean.ShouldBe(2);
        run.Clean[1][0].ShouldBe("S1");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void Reads_of_any_size_give_the_same_result(int bytesPerRead)
    {
        var content = new StringBuilder(Short + "\r\n");
        for (var i = 0; i < 300; i++)
        {
            content.Append(i % 7 == 0 ? $"\"S{i}\",\"SCH\",\"9\",\"2024-2025-S1\",\"180\",\"2025-01-01\",\"q\"\"u\r\no\"\"te\"\r\n" : $"S{i},sch,{i % 14},2024-25 s1,{i % 400},3/1/2025,é€😀\n");
        }

        var bytes = Encoding.UTF8.GetBytes(content.ToString());
        var whole = CleaningRun.Of(bytes);
        using var clean = new MemoryStream();
        using var rejects = new MemoryStream();

        var report = new FeedCleaner(new CleanerOptions { Clock = new FixedClock(CleaningRun.Now) }).Clean(new TrickleRawFile(bytes, bytesPerRead), clean, rejects);

        report.RowsRead.ShouldBe(300);
        report.RowsRejected.ShouldBe(whole.Report.RowsRejected);
        report.RowsRejected.ShouldBeGreaterThan(0);
        Encoding.UTF8.GetString(clean.ToArray()).ShouldBe(whole.CleanText);
        Encoding.UTF8.GetString(rejects.ToArray()).ShouldBe(whole.RejectsText);
        report.Source.Sha256.ShouldBe(whole.Report.Source.Sha256);
    }

    [Fact]
    public void Records_longer_than_the_read_buffer_are_read_whole()
    {
        var notes = new string('n', 700_000);
        var content = Short + "\nS1,SCH,9,2024-2025-S1,180,2025-01-01,\"" + notes + "\"\nS2,SCH,9,2024-2025-S1,180,2025-01-01," + notes + "\n";

        var run = CleaningRun.Of(content);

        run.Report.RowsClean.ShouldBe(2);
    }
}
