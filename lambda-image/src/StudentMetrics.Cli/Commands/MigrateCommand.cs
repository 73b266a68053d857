using StudentMetrics.Cli.Arguments;
using StudentMetrics.Database;
using StudentMetrics.Functions.Configuration;

namespace StudentMetrics.Cli.Commands;

/// <summary><c>student-metrics migrate [--dry-run]</c>: applies db/migrations, as the migrate function does on deploy.</summary>
internal sealed class MigrateCommand : ICliCommand
{
    public string Name => "migrate";

    public string Summary => "Apply the database migrations (or list them with --dry-run).";

    public CommandSyntax Syntax { get; } = CommandSyntax.Of(
        "migrate",
        new Option("--dry-run", null, "list the scripts that would be applied; change nothing"));

    public string Details => $"""
        Applies the migrations this build carries to the database of {DatabaseSettings.ConnectionStringVariable} (an Npgsql
        connection string; connect as student_metrics_owner) or {DatabaseSettings.SecretArnVariable}: the baseline on a
        fresh database, the versioned scripts not applied yet, then every repeatable script (views and functions) when
        any of them changed. Safe to run twice at once: a run waits for the other, at most
        {DatabaseMigrator.DefaultLockTimeout.TotalMinutes:0} minutes, then fails naming it.
        Exit codes: 0 done, 1 a script failed, an applied script was edited, or the database's history does not fit
        this build (the message names the script and what to do).
        """;

    public async Task<int> RunAsync(ParsedArguments args, CommandOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        await using var dataSource = await DatabaseConnections.FromEnvironment().OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await new DatabaseMigrator(dataSource, output.Error).MigrateAsync(args.Has("--dry-run"), cancellationToken).ConfigureAwait(false);
            await output.Out.WriteLineAsync(MigrationReport.Format(result)).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is AppliedMigrationChangedException or MigrationFailedException or MigrationHistoryException
                                      or MigrationLockTimeoutException or InvalidOperationException)
        {
            await output.Error.WriteLineAsync($"migrate: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
