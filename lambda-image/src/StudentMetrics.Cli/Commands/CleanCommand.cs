using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Storage;
using StudentMetrics.Cli.Arguments;
using StudentMetrics.Functions.Clean;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics clean INPUT --out DIR</c>: the clean function's steps on a local file, DIR standing in for the bucket.</summary>
internal sealed class CleanCommand : ICliCommand
{
    public string Name => "clean";

    public string Summary => "Clean a local export: cleaned rows, rejected rows and a report, laid out as in the bucket.";

    public CommandSyntax Syntax { get; } = CommandSyntax.Of(
        "clean",
        new Operand("INPUT", "the export to clean (never changed)"),
        new Option("--out", "DIR", "the directory the outputs go to, laid out as in the bucket", Required: true),
        FeedOption.Declare("the feed the export belongs to"));

    public string Details => $"""
        INPUT is cleaned as the object {CleanOutputLayout.Raw}NAME would be in the bucket ({CleanOutputLayout.Raw}local/FEED/NAME with
        --feed), under the contract of its feed, by the same steps the clean
        function runs: DIR/{CleanOutputLayout.Clean}NAME (cleaned rows), DIR/{CleanOutputLayout.Rejects}NAME (rejected rows and why),
        DIR/{CleanOutputLayout.Reports}NAME{CleanOutputLayout.ReportSuffix}. A quarantined file is copied to DIR/{CleanOutputLayout.QuarantinedFiles}NAME, its
        report to DIR/{CleanOutputLayout.QuarantinedReports}NAME{CleanOutputLayout.ReportSuffix} and its rejected rows to DIR/{CleanOutputLayout.QuarantinedRejects}NAME.
        No source registry applies: rows of any school are accepted (in the bucket, the file's source decides).
        Exit codes: 0 cleaned, 2 quarantined (the reason on stderr), 1 an error of the tool's own.
        """;

    /// <summary>The options the command runs with; tests pin the clock.</summary>
    public CleanerOptions Options { get; init; } = new();

    public async Task<int> RunAsync(ParsedArguments args, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var input = args.Operand("INPUT")!;
        var outDir = args.Value("--out")!;
        if ((InputFiles.ProblemWithFile(input, "the export to clean") ?? InputFiles.ProblemWithDirectory(outDir, "--out")) is { } problem)
        {
            await output.Error.WriteLineAsync($"clean: {problem}").ConfigureAwait(false);
            return 1;
        }

        var feed = FeedOption.Read(args)?.Dataset;
        var store = new DirectoryFeedStore(outDir);
        var rawKey = CleanOutputLayout.Raw + (feed is null ? "" : $"local/{feed}/") + Path.GetFileName(input);
        var cleaner = new ObjectCleaner(new LocalRawObjects(input, rawKey), store, Options, registry: null);
        var report = (await cleaner.SettleAsync(new CleanRequest(rawKey), cancellationToken).ConfigureAwait(false)).Report!;
        var name = Path.GetFileName(input);
        if (report.Status == FileStatus.Quarantined)
        {
            await output.Error.WriteLineAsync($"clean: {name} quarantined: {report.Reason}").ConfigureAwait(false);
        }
        else
        {
            await output.Out.WriteLineAsync($"clean: {name}: {report.RowsRead} rows read, {report.RowsClean} clean, {report.RowsRejected} rejected").ConfigureAwait(false);
        }

        foreach (var written in report.Outputs)
        {
            await output.Out.WriteLineAsync($"  {OutputKindText.Of(written.Kind),-20}{Path.GetRelativePath(Environment.CurrentDirectory, store.PathOf(written.Key))}").ConfigureAwait(false);
        }

        return report.Status == FileStatus.Quarantined ? 2 : 0;
    }
}
