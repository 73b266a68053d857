using System.Text.Json;

namespace StudentMetrics.TestSupport;

/// <summary>tests/fixtures/feeds: each feed's samples and what cleaning and loading them must give (see its README).</summary>
internal static class FeedSamples
{
    public static string Directory { get; } = Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "feeds");

    /// <summary>Every sample as "FEED/NAME".</summary>
    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.expected.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Directory, f).Replace('\\', '/')[..^".expected.json".Length])
            .Order(StringComparer.Ordinal);

    public static string FeedOf(string sample) => sample[..sample.IndexOf('/', StringComparison.Ordinal)];

    public static JsonElement Expectation(string sample) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, sample + ".expected.json"))).RootElement;

    public static string RawPath(string sample) =>
        Path.Combine(RepositoryPaths.Root, Expectation(sample).GetProperty("raw").GetString()!);

    /// <summary>The records of an export that are not blank: what rows_read must count (the header excluded).</summary>
    public static int NonBlankRecords(string path, char delimiter)
    {
        var text = File.ReadAllText(path).Replace(delimiter, ',');
        return CsvText.Parse(text).Skip(1).Count(r => r.Any(cell => !string.IsNullOrWhiteSpace(cell)));
    }
}
