using System.Diagnostics;
using System.Globalization;

namespace StudentMetrics.Cli.LocalRun;

/// <summary>
/// Says what a local run is doing: a line when a phase starts, another every few seconds while it lasts (a large file
/// takes minutes to clean and load, and silence looks like a hang), and how long it took.
/// </summary>
internal sealed class PhaseProgress(TextWriter writer, TimeSpan interval)
{
    public PhaseProgress(TextWriter writer)
        : this(writer, TimeSpan.FromSeconds(10))
    {
    }

    public async Task<T> RunAsync<T>(string phase, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        writer.WriteLine($"run: {phase}");
        var started = Stopwatch.GetTimestamp();
        var task = work();
        while (await Task.WhenAny(task, Task.Delay(interval)).ConfigureAwait(false) != task)
        {
            writer.WriteLine($"run:   … still {FirstWord(phase)} ({Seconds(Stopwatch.GetElapsedTime(started))})");
        }

        var result = await task.ConfigureAwait(false);
        var took = Stopwatch.GetElapsedTime(started);
        if (took >= TimeSpan.FromSeconds(1))
        {
            writer.WriteLine($"run:   done in {Seconds(took)}");
        }

        return result;
    }

    private static string FirstWord(string phase) => phase.Split(' ')[0];

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
