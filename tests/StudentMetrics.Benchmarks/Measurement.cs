using System.Diagnostics;
using System.Globalization;

namespace StudentMetrics.Benchmarks;

/// <summary>Runs a subject once to warm up, then several times, and prints the median and the process's peak memory.</summary>
internal static class Measurement
{
    /// <param name="run">One full pass over the file; returns the data rows it handled.</param>
    public static int Measure(string subject, string file, int runs, Func<long> run)
    {
        run();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        ResetPeakWorkingSet();
        var seconds = new List<double>();
        var cpu = new List<double>();
        long rows = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            // Every run starts from a collected heap, so the peak is that of one run, not of the garbage of the ones before.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            rows = run();
            seconds.Add(watch.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds);
        }

        var allocatedPerRun = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / runs;
        seconds.Sort();
        cpu.Sort();
        var median = seconds[seconds.Count / 2];
        var medianCpu = cpu[cpu.Count / 2];
        var bytes = new FileInfo(file).Length;
        var peak = PeakWorkingSetBytes();
        // One machine-readable line: subject rows seconds rows/s MB/s peakMB allocatedMB-per-run cpu-seconds
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"RESULT {subject} {rows} {median:F4} {rows / median:F0} {bytes / 1e6 / median:F1} {peak / 1e6:F1} {allocatedPerRun / 1e6:F1} {medianCpu:F4}"));
        return 0;
    }

    /// <summary>Starts the kernel's peak-RSS count afresh (Linux: writing 5 to clear_refs), so the warm-up's JIT and heap growth do not count.</summary>
    private static void ResetPeakWorkingSet()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Peak resident set of this process (VmHWM), what the kernel counts, not what the GC thinks it holds.</summary>
    public static long PeakWorkingSetBytes()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
