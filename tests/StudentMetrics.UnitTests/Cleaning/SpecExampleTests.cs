using System.Text.Json;
using StudentMetrics.Cli;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>Every example of tests/fixtures/spec-examples, through the command line's own code path.</summary>
public sealed class SpecExampleTests
{
    public static TheoryData<string> Examples() => new(Names());

    private static IEnumerable<string> Names() =>
        Directory.GetFiles(SpecExampleDirectory(), "*.expected.json").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f)[..^".expected.json".Length]);

    [Fact]
    public void The_corpus_holds_the_examples_of_every_quarantine_condition_and_encoding()
    {
        var names = Names().ToList();

        names.Count.ShouldBeGreaterThanOrEqualTo(28);
        names.ShouldContain("missing_required_columns");
        names.ShouldContain("utf16be_bom");
        names.ShouldContain("windows1252");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_cli_cleans_the_example_as_its_expectation_says(string name)
    {
        var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(SpecExampleDirectory(), name + ".expected.json"))).RootElement;
        var outDir = Path.Combine(Path.GetTempPath(), "spec-examples-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();

            var exit = await CommandLine.RunAsync(["clean", Path.Combine(SpecExampleDirectory(), name + ".csv"), "--out", outDir], stdout, stderr, CancellationToken.None);

            var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "report.json"))).RootElement;
            var status = expected.GetProperty("status").GetString();
            report.GetProperty("status").GetString().ShouldBe(status);
            exit.ShouldBe(status == "cleaned" ? 0 : 2);
            File.Exists(Path.Combine(outDir, "clean.csv")).ShouldBe(status == "cleaned");
            File.Exists(Path.Combine(outDir, "rejects.csv")).ShouldBe(status == "cleaned");
            CheckReport(expected, report);
            if (expected.TryGetProperty("clean_rows", out var cleanRows))
            {
                CheckRows(cleanRows, CsvText.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "clean.csv"))), "clean");
            }

            if (expected.TryGetProperty("reject_rows", out var rejectRows))
            {
                CheckRows(rejectRows, CsvText.Parse(await File.ReadAllTextAsync(Path.Combine(outDir, "rejects.csv"))), "rejects");
            }
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }

    private static void CheckReport(JsonElement expected, JsonElement report)
    {
        if (expected.TryGetProperty("reason_contains", out var reason))
        {
            (report.GetProperty("reason").GetString() ?? "").ShouldContain(reason.GetString()!, Case.Sensitive);
        }

        foreach (var count in new[] { "rows_read", "rows_clean", "rows_rejected" })
        {
            if (expected.TryGetProperty(count, out var value))
            {
                report.GetProperty(count).GetInt64().ShouldBe(value.GetInt64(), count);
            }
        }

        foreach (var text in new[] { "encoding", "delimiter" })
        {
            if (expected.TryGetProperty(text, out var value))
            {
                report.GetProperty(text).GetString().ShouldBe(value.GetString(), text);
            }
        }

        if (expected.TryGetProperty("reject_reasons", out var reasons))
        {
            report.GetProperty("reject_reasons").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64())
                .ShouldBe(reasons.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()), ignoreOrder: true);
        }

        if (expected.TryGetProperty("unknown_columns", out var unknown))
        {
            report.GetProperty("unknown_columns").EnumerateArray().Select(e => e.GetString()).ToList()
                .ShouldBe(unknown.EnumerateArray().Select(e => e.GetString()).ToList());
        }
    }

    private static void CheckRows(JsonElement expectedRows, IReadOnlyList<string[]> table, string file)
    {
        var header = table[0];
        var sourceRow = Array.IndexOf(header, "source_row");
        foreach (var expectedRow in expectedRows.EnumerateArray())
        {
            var number = expectedRow.GetProperty("source_row").GetString();
            var row = table.Skip(1).SingleOrDefault(r => r[sourceRow] == number);
            row.ShouldNotBeNull($"{file} has no row with source_row {number}");
            foreach (var cell in expectedRow.EnumerateObject())
            {
                var column = Array.IndexOf(header, cell.Name);
                column.ShouldBeGreaterThanOrEqualTo(0, $"{file} has no column {cell.Name}");
                row[column].ShouldBe(cell.Value.GetString(), $"{file} row {number}, column {cell.Name}");
            }
        }
    }

    private static string SpecExampleDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures", "spec-examples");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/spec-examples not found above " + AppContext.BaseDirectory);
    }
}
