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
        Exit codes: 0 cleaned, 2 quarantined (the reason on stderr), 1 an error of the tool's own.
        """;

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

        Directory.CreateDirectory(outDir);
        CleaningReport report;
        await using (var clean = File.Create(Path.Combine(outDir, "clean.csv")))
        await using (var rejects = File.Create(Path.Combine(outDir, "rejects.csv")))
        {
            report = new FeedCleaner(new CleanerOptions()).Clean(new LocalRawFile(input), clean, rejects);
        }

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
}
