using StudentMetrics.Cli.Arguments;
using StudentMetrics.Database;
using StudentMetrics.Functions.Configuration;
using StudentMetrics.Reporting;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics dashboard --out PATH.html</c>: the local dashboard page from the reporting views.</summary>
internal sealed class DashboardCommand : ICliCommand
{
    public string Name => "dashboard";

    public string Summary => "Write the dashboard page (self-contained HTML) from the reporting views.";

    public CommandSyntax Syntax { get; } = CommandSyntax.Of(
        "dashboard",
        new Option("--out", "PATH.html", "where the page is written", Required: true));

    public string Details => $"""
        Reads the reporting views of the database of {DatabaseSettings.ConnectionStringVariable} (the read-only reporting
        role is enough) and writes one HTML page that opens in any browser without a network. Prints the page's address.
        Exit codes: 0 written, 1 an error (no database, bad arguments).
        """;

    public async Task<int> RunAsync(ParsedArguments args, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var path = args.Value("--out")!;
        if (Directory.Exists(path))
        {
            await output.Error.WriteLineAsync($"dashboard: --out {path} is a directory; give the page's file name, e.g. {Path.Combine(path, "dashboard.html")}").ConfigureAwait(false);
            return 1;
        }

        await using var dataSource = await DatabaseConnections.FromEnvironment().OpenAsync(cancellationToken).ConfigureAwait(false);
        var written = await DashboardWriter.WriteAsync(dataSource, path, cancellationToken).ConfigureAwait(false);
        await output.Out.WriteLineAsync(new Uri(written).AbsoluteUri).ConfigureAwait(false);
        return 0;
    }
}
