using System.Globalization;
using StudentMetrics.Cleaning;

namespace StudentMetrics.Benchmarks;

/// <summary>
/// <c>memory-probe ROWS TEXT_BYTES</c>: cleans a generated wide export (outputs counted, not kept) and prints
/// one line, <c>PROBE rows_read rows_clean bytes peak_working_set_bytes</c>, for a test to judge.
/// </summary>
internal static class MemoryProbe
{
    public static int Run(long rows, int textBytes)
    {
        var input = new GeneratedRawFile(rows, textBytes);
        using var clean = new CountingStream();
        using var rejects = new CountingStream();
        var report = new FeedCleaner(new CleanerOptions()).Clean(input, clean, rejects);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"PROBE {report.RowsRead} {report.RowsClean} {report.Source.SizeBytes} {Measurement.PeakWorkingSetBytes()} {report.Status} {clean.Count}"));
        return report.Status == FileStatus.Cleaned ? 0 : 2;
    }
}
