using StudentMetrics.Cleaning;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.UnitTests.Hosting;

public sealed class ObservabilityTests
{
    [Fact]
    public void A_log_line_is_one_json_object_with_the_request_id_and_typed_fields()
    {
        var output = new RecordingOutput();

        output.Log.For("clean", "req-9").Info("file cleaned", LogField.Of("key", "raw/a \"b\".csv"), LogField.Of("rowsRead", 12L), LogField.Of("ratio", 0.25));

        var raw = output.RawLines.ShouldHaveSingleItem();
        raw.ShouldNotContain('\n');
        var line = output.Lines.Single();
        line.GetProperty("level").GetString().ShouldBe("INFO");
        line.GetProperty("message").GetString().ShouldBe("file cleaned");
        line.GetProperty("function").GetString().ShouldBe("clean");
        line.GetProperty("requestId").GetString().ShouldBe("req-9");
        line.GetProperty("key").GetString().ShouldBe("raw/a \"b\".csv");
        line.GetProperty("rowsRead").GetInt64().ShouldBe(12);
        line.GetProperty("ratio").GetDouble().ShouldBe(0.25);
        DateTimeOffset.Parse(line.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void An_error_line_names_the_exception_type_and_message()
    {
        var output = new RecordingOutput();

        output.Log.For("clean", "req-1").Error("message failed", new TimeoutException("S3 took too long"), LogField.Of("messageId", "m-1"));

        var line = output.Lines.Single();
        line.GetProperty("level").GetString().ShouldBe("ERROR");
        line.GetProperty("errorType").GetString().ShouldBe("TimeoutException");
        line.GetProperty("errorMessage").GetString().ShouldBe("S3 took too long");
    }

    [Fact]
    public void An_emf_line_declares_each_metric_and_carries_its_value_at_the_top_level()
    {
        var output = new RecordingOutput();

        output.Metrics.Write(
            "clean",
            [new Metric("RowsRead", 10, MetricUnit.Count), new Metric("Bytes", 2048, MetricUnit.Bytes)],
            [LogField.Of("requestId", "req-3")]);

        var line = output.Lines.Single();
        var aws = line.GetProperty("_aws");
        DateTimeOffset.FromUnixTimeMilliseconds(aws.GetProperty("Timestamp").GetInt64()).ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        var directive = aws.GetProperty("CloudWatchMetrics").EnumerateArray().ShouldHaveSingleItem();
        directive.GetProperty("Namespace").GetString().ShouldBe("StudentMetrics");
        directive.GetProperty("Dimensions").EnumerateArray().Single().EnumerateArray().Select(d => d.GetString()).ShouldBe(["Function"]);
        directive.GetProperty("Metrics").EnumerateArray()
            .Select(m => (m.GetProperty("Name").GetString(), m.GetProperty("Unit").GetString()))
            .ShouldBe([("RowsRead", "Count"), ("Bytes", "Bytes")]);
        line.GetProperty("Function").GetString().ShouldBe("clean");
        line.GetProperty("RowsRead").GetDouble().ShouldBe(10);
        line.GetProperty("Bytes").GetDouble().ShouldBe(2048);
        line.GetProperty("requestId").GetString().ShouldBe("req-3");
    }

    [Fact]
    public void A_cleaned_file_yields_its_counts_ratio_size_and_duration()
    {
        var metrics = CleaningMetrics.From(Report(FileStatus.Cleaned, read: 200, clean: 150, rejected: 50, size: 9_000), TimeSpan.FromMilliseconds(420))
            .ToDictionary(m => m.Name);

        metrics["FilesCleaned"].Value.ShouldBe(1);
        metrics["FilesQuarantined"].Value.ShouldBe(0);
        metrics["RowsRead"].Value.ShouldBe(200);
        metrics["RowsClean"].Value.ShouldBe(150);
        metrics["RowsRejected"].Value.ShouldBe(50);
        metrics["RejectRatio"].Value.ShouldBe(0.25);
        metrics["Bytes"].Value.ShouldBe(9_000);
        metrics["Bytes"].Unit.ShouldBe(MetricUnit.Bytes);
        metrics["DurationMs"].Value.ShouldBe(420);
        metrics["DurationMs"].Unit.ShouldBe(MetricUnit.Milliseconds);
    }

    [Fact]
    public void A_quarantined_empty_file_counts_as_quarantined_with_no_ratio()
    {
        var metrics = CleaningMetrics.From(Report(FileStatus.Quarantined, read: 0, clean: 0, rejected: 0, size: 0), TimeSpan.Zero).ToDictionary(m => m.Name);

        metrics["FilesQuarantined"].Value.ShouldBe(1);
        metrics["FilesCleaned"].Value.ShouldBe(0);
        metrics["RejectRatio"].Value.ShouldBe(0);
    }

    private static CleaningReport Report(FileStatus status, long read, long clean, long rejected, long size) => new()
    {
        Dataset = "student_metrics",
        ContractVersion = "1.0",
        Source = new ReportSource { Location = "s3://b", Key = "raw/a.csv", SizeBytes = size, Sha256 = new string('0', 64) },
        Status = status,
        RowsRead = read,
        RowsClean = clean,
        RowsRejected = rejected,
        Encoding = "utf-8",
        Delimiter = ",",
    };
}
