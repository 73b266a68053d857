using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StudentMetrics.Cleaning;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>The report carries every field the contract names, with the values of the run.</summary>
public sealed class ReportTests
{
    [Fact]
    public void The_report_json_has_every_field_of_the_contract()
    {
        var content = CleaningRun.Header + ",extra\n" + CleaningRun.Row() + ",x\n" + CleaningRun.Row(("gpa", "6"), ("student_id", "S2")) + ",y\n" + CleaningRun.Row(("student_id", "S3")) + ",z\n";
        var bytes = Encoding.UTF8.GetBytes(content);

        var report = CleaningRun.Of(bytes).Report;
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, CleaningReportJsonContext.Default.CleaningReport));
        var root = json.RootElement;

        root.GetProperty("dataset").GetString().ShouldBe("student_metrics");
        root.GetProperty("contract_version").GetString().ShouldBe("1.0");
        root.GetProperty("source").GetProperty("key").GetString().ShouldBe("test.csv");
        root.GetProperty("source").GetProperty("location").GetString().ShouldBe("memory");
        root.GetProperty("source").GetProperty("size_bytes").GetInt64().ShouldBe(bytes.Length);
        root.GetProperty("source").GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        root.GetProperty("status").GetString().ShouldBe("cleaned");
        root.GetProperty("reason").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("rows_read").GetInt64().ShouldBe(3);
        root.GetProperty("rows_clean").GetInt64().ShouldBe(2);
        root.GetProperty("rows_rejected").GetInt64().ShouldBe(1);
        root.GetProperty("reject_reasons").GetProperty("gpa:out_of_range").GetInt64().ShouldBe(1);
        root.GetProperty("unknown_columns")[0].GetString().ShouldBe("extra");
        root.GetProperty("encoding").GetString().ShouldBe("utf-8");
        root.GetProperty("delimiter").GetString().ShouldBe(",");
        root.GetProperty("started_at").GetDateTimeOffset().ShouldBe(CleaningRun.Now);
        root.GetProperty("duration_ms").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public void A_quarantined_report_says_quarantined_with_its_reason()
    {
        var report = CleaningRun.Of("a,b\n1,2\n").Report;
        var json = JsonSerializer.Serialize(report, CleaningReportJsonContext.Default.CleaningReport);

        var reason = JsonDocument.Parse(json).RootElement.GetProperty("reason");

        json.ShouldContain("\"status\": \"quarantined\"");
        reason.GetProperty("code").GetString().ShouldBe("missing_required_columns");
        reason.GetProperty("message").GetString().ShouldStartWith("the header has no column for student_id, school_id, grade_level, term, days_enrolled, recorded_on.");
        reason.GetProperty("details").GetProperty("header_cells").EnumerateArray().Select(e => e.GetString()).ShouldBe(["a", "b"]);
    }

    [Fact]
    public void The_input_is_opened_twice_for_a_utf8_file_and_once_more_for_the_windows_1252_fallback()
    {
        var utf8 = new InMemoryRawFile(Encoding.UTF8.GetBytes(CleaningRun.Header + "\n" + CleaningRun.Row() + "\n"));
        var latin = new InMemoryRawFile(Encoding.Latin1.GetBytes(CleaningRun.Header + ",Année\n" + CleaningRun.Row() + ",x\n"));
        var cleaner = new FeedCleaner(new CleanerOptions { Clock = new FixedClock(CleaningRun.Now) });

        cleaner.Clean(utf8, Stream.Null, Stream.Null);
        cleaner.Clean(latin, Stream.Null, Stream.Null).Encoding.ShouldBe("windows-1252");

        utf8.Opens.ShouldBe(2);
        latin.Opens.ShouldBe(3);
    }
}
