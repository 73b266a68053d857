using System.Diagnostics;
using System.Globalization;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>
/// Memory must not grow with the file: a generated ~2 GB export of wide rows (a long unknown text column, a
/// million rows, never stored) is cleaned in a child process, whose peak working set must stay under 200 MB.
/// The child is the benchmark program's memory-probe, so the test runner's own memory does not count.
/// </summary>
public sealed class MemoryFootprintTests
{
    private const long Rows = 1_000_000;
    private const int TextBytes = 2000;
    private const long PeakLimitBytes = 200L * 1024 * 1024;

    [Fact]
    public async Task Cleaning_a_2_GB_stream_of_wide_rows_peaks_under_200_MB()
    {
        var probe = ProbePath();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { probe, "memory-probe", Rows.ToString(CultureInfo.InvariantCulture), TextBytes.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = await process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.ShouldBe(0, errors);
        var fields = output.Split('\n').Single(l => l.StartsWith("PROBE ", StringComparison.Ordinal)).Split(' ');
        var rowsRead = long.Parse(fields[1], CultureInfo.InvariantCulture);
        var rowsClean = long.Parse(fields[2], CultureInfo.InvariantCulture);
        var bytes = long.Parse(fields[3], CultureInfo.InvariantCulture);
        var peak = long.Parse(fields[4], CultureInfo.InvariantCulture);
        rowsRead.ShouldBe(Rows);
        rowsClean.ShouldBe(Rows);
        bytes.ShouldBeGreaterThan(2_000_000_000L);
        peak.ShouldBeLessThan(PeakLimitBytes, $"peak working set {peak / 1e6:F0} MB");
    }

    private static string ProbePath()
    {
        // artifacts/bin/StudentMetrics.UnitTests/<config>/ -> artifacts/bin/StudentMetrics.Benchmarks/<config>/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(here.Parent!.Parent!.FullName, "StudentMetrics.Benchmarks", here.Name, "StudentMetrics.Benchmarks.dll");
        File.Exists(path).ShouldBeTrue($"the memory probe is built with the tests: {path}");
        return path;
    }
}
