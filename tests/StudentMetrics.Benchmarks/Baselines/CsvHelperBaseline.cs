using CsvHelper;

namespace StudentMetrics.Benchmarks.Baselines;

/// <summary>(c) CsvHelper 34: every field parsed to its type, nothing written (a parse ceiling, not a cleaner).</summary>
internal static class CsvHelperBaseline
{
    public static long Run(string input)
    {
        var options = CsvReaderOptions.Default with { HasHeader = true, TrimWhitespace = true, TrimInsideQuotes = true };
        using var csv = CsvReader.FromFile(input, options);
        long rows = 0, good = 0;
        while (csv.Read())
        {
            rows++;
            var ok = csv.GetString(0).Length > 0 & csv.GetString(1).Length > 0 & csv.TryParse<int>(2, out _) & csv.GetString(3).Length > 0;
            ok &= csv.TryParse<decimal>(4, out _) & csv.TryParse<decimal>(5, out _) & csv.TryParse<decimal>(6, out _) & csv.TryParse<decimal>(7, out _);
            ok &= csv.TryParse<int>(8, out _) & csv.TryParse<int>(9, out _) & csv.TryParse<int>(10, out _) & csv.TryParse<int>(11, out _);
            ok &= csv.TryParse<DateOnly>(12, out _);
            good += ok ? 1 : 0;
        }

        return rows + (good * 0);
    }
}
