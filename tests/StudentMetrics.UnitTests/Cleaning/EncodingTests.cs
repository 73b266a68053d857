using System.Security.Cryptography;
using System.Text;
using StudentMetrics.Cleaning;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>UTF-8 with and without BOM, UTF-16 with BOM both ways, and the Windows-1252 fallback, each reported as such.</summary>
public sealed class EncodingTests
{
    private const string Text = "student_id,school_id,grade_level,term,days_enrolled,recorded_on,Remarqué\nS1,SCH,9,2024-2025-S1,180,2025-01-01,très bien\n";

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void Each_accepted_encoding_is_read_and_reported(string encoding)
    {
        var bytes = encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(Text),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Text)],
            "utf-16le" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Text)],
            _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Text)],
        };

        var run = CleaningRun.Of(bytes);

        run.Report.Encoding.ShouldBe(encoding);
        run.Report.Status.ShouldBe(FileStatus.Cleaned);
        run.Report.UnknownColumns.ShouldBe(["Remarqué"]);
        run.Clean[0][0].ShouldBe("student_id");
        run.Clean[1][0].ShouldBe("S1");
        run.CleanText.ShouldNotStartWith("\uFEFF");
        run.Report.Source.Sha256.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        run.Report.Source.SizeBytes.ShouldBe(bytes.Length);
    }

    [Fact]
    public void A_file_that_is_not_utf8_and_has_no_bom_is_read_as_windows_1252_and_reported_so()
    {
        // As Excel on Windows writes it: é is one byte (0xE9), the euro sign is 0x80 (which Latin-1 lacks).
        var text = "student_id,school_id,grade_level,term,days_enrolled,recorded_on,Remarqué\nS1,SCH,9,2024-2025-S1,180,2025-01-01,ok\nSÖ2,SCH,9,2024-2025-S1,180,2025-01-01,5 X\nS3,SCH,9,2024-2025-S1,180,2025-01-01,ok\n";
        var bytes = Encoding.Latin1.GetBytes(text);
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0x80;

        var run = CleaningRun.Of(bytes);

        run.Report.Encoding.ShouldBe("windows-1252");
        run.Report.Status.ShouldBe(FileStatus.Cleaned);
        run.Report.UnknownColumns.ShouldBe(["Remarqué"]);
        run.Rejects[0][6].ShouldBe("Remarqué");
        run.Rejects[1][0].ShouldBe("SÖ2");
        run.Rejects[1][6].ShouldBe("5 €");
        run.FirstReasons.ShouldBe("student_id:invalid_format");
    }

    [Fact]
    public void A_utf8_bom_followed_by_bytes_that_are_not_utf8_is_quarantined()
    {
        byte[] bytes = [.. Encoding.UTF8.GetPreamble(), .. Encoding.Latin1.GetBytes(Text)];

        var run = CleaningRun.Of(bytes);

        run.Report.Status.ShouldBe(FileStatus.Quarantined);
        run.Report.Reason.ShouldNotBeNull().Code.ShouldBe("not_text");
    }

    [Fact]
    public void A_utf8_sequence_split_across_read_boundaries_is_still_valid_utf8()
    {
        // Many multi-byte characters so that some straddle the reader's buffer edges.
        var notes = string.Concat(Enumerable.Repeat("é€😀", 40000));
        var text = "student_id,school_id,grade_level,term,days_enrolled,recorded_on,notes\nS1,SCH,9,2024-2025-S1,180,2025-01-01," + notes + "\n";

        var run = CleaningRun.Of(new UTF8Encoding(false).GetBytes(text));

        run.Report.Encoding.ShouldBe("utf-8");
        run.Report.RowsClean.ShouldBe(1);
    }

    [Fact]
    public void A_nul_code_unit_in_utf16_is_not_text_but_the_zero_bytes_of_ascii_in_utf16_are()
    {
        byte[] clean = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Text)];
        byte[] withNul = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Text + "\0")];

        CleaningRun.Of(clean).Report.Status.ShouldBe(FileStatus.Cleaned);
        CleaningRun.Of(withNul).Report.Reason.ShouldNotBeNull().Code.ShouldBe("not_text");
    }
}
