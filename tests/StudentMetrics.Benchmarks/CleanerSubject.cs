using StudentMetrics.Cleaning;

namespace StudentMetrics.Benchmarks;

/// <summary>
/// The product's cleaner on a local file, clean and rejects written to files as the CLI does, with the schools the
/// file's source may send, as the clean function runs it.
/// </summary>
internal static class CleanerSubject
{
    public static long Run(string input, string outDir)
    {
        using var clean = new FileStream(Path.Combine(outDir, "cleaner.clean.csv"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var rejects = new FileStream(Path.Combine(outDir, "cleaner.rejects.csv"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var report = new FeedCleaner(new CleanerOptions { PermittedValues = MetricsFileGenerator.Schools }).Clean(new LocalRawFile(input), clean, rejects);
        if (report.Status != FileStatus.Cleaned)
        {
            throw new InvalidOperationException($"the benchmark file was quarantined: {report.Reason}");
        }

        return report.RowsRead;
    }
}
