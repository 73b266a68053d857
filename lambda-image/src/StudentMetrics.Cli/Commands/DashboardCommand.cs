using Npgsql;
using StudentMetrics.Reporting;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics dashboard --out PATH.html</c>: the local dashboard page from the reporting views.</summary>
internal sealed class DashboardCommand : ICliCommand
{
    public string Name => "dashboard";

    public string Summary => "Write the dashboard page (self-contained HTML) from the reporting views.";

    public string Usage => """
        usage: student-metrics dashboard --out PATH.html

        Reads the reporting views of the database in STUDENT_METRICS_DB (an Npgsql connection string; the read-only
        reporting role is enough) and writes one HTML page that opens in any browser without a network.
        Prints the page's full path. Exit codes: 0 written, 1 an error (no database, bad arguments).
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count != 2 || args[0] != "--out" || args[1].Length == 0)
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 1;
        }

        if (Environment.GetEnvironmentVariable("STUDENT_METRICS_DB") is not { Length: > 0 } connectionString)
        {
            await Console.Error.WriteLineAsync("dashboard: STUDENT_METRICS_DB is not set (an Npgsql connection string to the database).").ConfigureAwait(false);
            return 1;
        }

        try
        {
            var path = await DashboardWriter.WriteAsync(connectionString, args[1], cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(path).ConfigureAwait(false);
            return 0;
        }
        catch (NpgsqlException e)
        {
            await Console.Error.WriteLineAsync($"dashboard: could not read the reporting views: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
