using StudentMetrics.Database;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics migrate [--dry-run]</c>: applies db/migrations to the database named by STUDENT_METRICS_DB.</summary>
internal sealed class MigrateCommand : ICliCommand
{
    public string Name => "migrate";

    public string Summary => "Apply the database migrations (or list them with --dry-run).";

    public string Usage => $"""
        usage: student-metrics migrate [--dry-run]

        Applies the migrations this build carries to the database in STUDENT_METRICS_DB (an Npgsql connection
        string; connect as student_metrics_owner): the baseline on a fresh database, the versioned scripts not
        applied yet, then every repeatable script (views and functions) when any of them changed. Safe to run
        twice at once: a run waits for the other, at most {DatabaseMigrator.DefaultLockTimeout.TotalMinutes:0} minutes,
        then fails naming it.
        --dry-run   list the scripts that would be applied, change nothing.
        Exit codes: 0 done, 1 a script failed, an applied script was edited, or the database's history does not
        fit this build (the message names the script and what to do).
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Any(a => a != "--dry-run"))
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 1;
        }

        var dryRun = args.Contains("--dry-run");
        try
        {
            await using var dataSource = StudentMetricsDataSource.FromEnvironment();
            var result = await new DatabaseMigrator(dataSource, Console.Error).MigrateAsync(dryRun, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(MigrationReport.Format(result)).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is AppliedMigrationChangedException or MigrationFailedException or MigrationHistoryException
                                      or MigrationLockTimeoutException or InvalidOperationException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync($"migrate: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
