using StudentMetrics.Cli;

namespace StudentMetrics.UnitTests.Cli;

/// <summary>Every example of tests/fixtures/spec-examples, through the command line's own code path.</summary>
public sealed class SpecExampleTests
{
    public static TheoryData<string> Examples() => new(SpecExampleCorpus.Names());

    [Fact]
    public void The_corpus_holds_the_examples_of_every_quarantine_condition_and_encoding()
    {
        var names = SpecExampleCorpus.Names().ToList();

        names.Count.ShouldBeGreaterThanOrEqualTo(28);
        names.ShouldContain("missing_required_columns");
        names.ShouldContain("utf16be_bom");
        names.ShouldContain("windows1252");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_cli_cleans_the_example_as_its_expectation_says(string name)
    {
        var expected = SpecExampleCorpus.Expectation(name);
        var outDir = Path.Combine(Path.GetTempPath(), "spec-examples-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var exit = await CommandLine.RunAsync(["clean", SpecExampleCorpus.RawPath(name), "--out", outDir], stdout, stderr, CancellationToken.None);

            // The directory is laid out as the bucket is: the same keys the function writes (see the S3 twin of this test).
            var file = name + ".csv";
            var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "reports", file + ".report.json"))).RootElement;
            var cleaned = expected.GetProperty("status").GetString() == "cleaned";
            exit.ShouldBe(cleaned ? 0 : 2);
            File.Exists(Path.Combine(outDir, "clean", file)).ShouldBe(cleaned);
            File.Exists(Path.Combine(outDir, "rejects", file)).ShouldBe(cleaned);
            File.Exists(Path.Combine(outDir, "quarantine", "files", file)).ShouldBe(!cleaned);
            SpecExampleCorpus.CheckReport(expected, report);
            SpecExampleCorpus.CheckOutputs(expected, ReadIfExists(Path.Combine(outDir, "clean", file)), ReadIfExists(Path.Combine(outDir, "rejects", file)));
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
