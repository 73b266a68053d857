using System.Text.Json;
using StudentMetrics.Cleaning;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics clean INPUT --out DIR</c>: the cleaning core on a local file.</summary>
internal sealed class CleanCommand : ICliCommand
{
    public string Name => "clean";

    public string Summary => "Clean a local export into clean.csv, rejects.csv and report.json.";

    public string Usage => """
        usage: student-metrics clean INPUT.csv --out DIR

        Writes DIR/clean.csv, DIR/rejects.csv and DIR/report.json. The input is never changed.
        A quarantined file gets only DIR/report.json (nothing from it is to be loaded).
        Exit codes: 0 cleaned, 2 quarantined (the reason on stderr), 1 an error of the tool's own.
        """;

    /// <summary>The options the command runs with; tests pin the clock.</summary>
    public CleanerOptions Options { get; init; } = new();

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var outAt = args.ToList().IndexOf("--out");
        if (args.Count != 3 || outAt < 0 || outAt == args.Count - 1)
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 1;
        }

        var input = args[outAt == 0 ? 2 : 0];
        var outDir = args[outAt + 1];
        if (!File.Exists(input))
        {
            await Console.Error.WriteLineAsync($"clean: no such file: {input}").ConfigureAwait(false);
            return 1;
        }

        try
        {
            var report = Clean(input, outDir);
            await File.WriteAllTextAsync(
                Path.Combine(outDir, "report.json"),
                JsonSerializer.Serialize(report, CleaningReportJsonContext.Default.CleaningReport),
                cancellationToken).ConfigureAwait(false);
            if (report.Status == FileStatus.Quarantined)
            {
                await Console.Error.WriteLineAsync($"clean: quarantined: {report.Reason}").ConfigureAwait(false);
                return 2;
            }

            await Console.Out.WriteLineAsync($"clean: {report.RowsRead} rows read, {report.RowsClean} clean, {report.RowsRejected} rejected -> {outDir}").ConfigureAwait(false);
            return 0;
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"clean: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            await Console.Error.WriteLineAsync($"clean: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private CleaningReport Clean(string input, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var cleanPath = Path.Combine(outDir, "clean.csv");
        var rejectsPath = Path.Combine(outDir, "rejects.csv");
        CleaningReport report;
        using (var clean = new FileStream(cleanPath + ".partial", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        using (var rejects = new FileStream(rejectsPath + ".partial", FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            report = new FeedCleaner(Options).Clean(new LocalRawFile(input), clean, rejects);
        }

        if (report.Status == FileStatus.Quarantined)
        {
            // Nothing from a quarantined file may be loaded, so no partial output is left where a loader would look.
            File.Delete(cleanPath + ".partial");
            File.Delete(rejectsPath + ".partial");
            File.Delete(cleanPath);
            File.Delete(rejectsPath);
        }
        else
        {
            File.Move(cleanPath + ".partial", cleanPath, overwrite: true);
            File.Move(rejectsPath + ".partial", rejectsPath, overwrite: true);
        }

        return report;
    }
}
