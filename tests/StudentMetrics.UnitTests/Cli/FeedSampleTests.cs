using System.Text.Json;

namespace StudentMetrics.UnitTests.Cli;

/// <summary>
/// Every feed sample in tests/fixtures/feeds, cleaned by the command line under its feed's contract and under the
/// default one, held to its expectation, with every row accounted for. A new feed adds samples, not tests.
/// </summary>
public sealed class FeedSampleTests
{
    public static TheoryData<string> Samples() => new(FeedSamples.Names());

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_sample_cleans_under_its_feeds_contract_as_expected_with_every_row_accounted_for(string sample)
    {
        var expected = FeedSamples.Expectation(sample);

        var (report, clean, rejects) = await CleanAsync(sample, FeedSamples.FeedOf(sample), expected);

        report.GetProperty("dataset").GetString().ShouldBe(FeedSamples.FeedOf(sample));
        var read = report.GetProperty("rows_read").GetInt64();
        read.ShouldBe(FeedSamples.NonBlankRecords(FeedSamples.RawPath(sample), report.GetProperty("delimiter").GetString()![0]), "every record is read");
        if (report.GetProperty("status").GetString() == "cleaned")
        {
            (report.GetProperty("rows_clean").GetInt64() + report.GetProperty("rows_rejected").GetInt64()).ShouldBe(read, "every row read is clean or rejected");
            SpecExampleCorpus.CheckOutputs(expected, clean, rejects);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_sample_sent_without_its_feed_folder_meets_the_default_contract_as_expected(string sample)
    {
        if (!FeedSamples.Expectation(sample).TryGetProperty("as_default_feed", out var expected))
        {
            return;
        }

        var (report, _, _) = await CleanAsync(sample, feed: null, expected);

        report.GetProperty("dataset").GetString().ShouldBe("student_metrics");
    }

    private static async Task<(JsonElement Report, string? Clean, string? Rejects)> CleanAsync(string sample, string? feed, JsonElement expected)
    {
        var outDir = Path.Combine(Path.GetTempPath(), "feed-sample-" + Guid.NewGuid().ToString("N"));
        try
        {
            var raw = FeedSamples.RawPath(sample);
            string[] args = feed is null ? ["clean", raw, "--out", outDir] : ["clean", raw, "--out", outDir, "--feed", feed];
            var (exit, _, stderr) = await CliRun.Of(args);
            var rest = (feed is null ? "" : $"local/{feed}/") + Path.GetFileName(raw);
            var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "reports", rest + ".report.json"))).RootElement.Clone();
            exit.ShouldBe(expected.GetProperty("status").GetString() == "cleaned" ? 0 : 2, stderr);
            SpecExampleCorpus.CheckReport(expected, report);
            return (report, ReadIfExists(Path.Combine(outDir, "clean", rest)), ReadIfExists(Path.Combine(outDir, "rejects", rest)));
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }

    private static string? ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
