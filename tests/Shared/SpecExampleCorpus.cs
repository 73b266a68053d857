using System.Text.Json;

namespace StudentMetrics.TestSupport;

/// <summary>
/// tests/fixtures/spec-examples: each example of the feed contract with what cleaning it must give. Every entry point
/// (the command line, the Lambda function over S3) is held to the same expectations through this one reader.
/// </summary>
internal static class SpecExampleCorpus
{
    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "spec-examples");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.expected.json").Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f)[..^".expected.json".Length]);

    public static string RawPath(string name) => Path.Combine(Directory, name + ".csv");

    public static JsonElement Expectation(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, name + ".expected.json"))).RootElement;

    /// <summary>Checks the report's fields the expectation names; the ones it leaves out are not checked.</summary>
    public static void CheckReport(JsonElement expected, JsonElement report)
    {
        report.GetProperty("status").GetString().ShouldBe(expected.GetProperty("status").GetString());
        if (expected.TryGetProperty("reason_contains", out var reason))
        {
            var given = report.GetProperty("reason");
            $"{given.GetProperty("code").GetString()}: {given.GetProperty("message").GetString()}".ShouldContain(reason.GetString()!, Case.Sensitive);
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

    /// <summary>Checks the <c>clean_rows</c> and <c>reject_rows</c> the expectation names against the two output files.</summary>
    public static void CheckOutputs(JsonElement expected, string? cleanCsv, string? rejectsCsv)
    {
        if (expected.TryGetProperty("clean_rows", out var cleanRows))
        {
            CheckRows(cleanRows, CsvText.Parse(cleanCsv.ShouldNotBeNull("no clean output")), "clean");
        }

        if (expected.TryGetProperty("reject_rows", out var rejectRows))
        {
            CheckRows(rejectRows, CsvText.Parse(rejectsCsv.ShouldNotBeNull("no rejects output")), "rejects");
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
}
