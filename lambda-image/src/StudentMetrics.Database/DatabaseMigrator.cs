using DbUp;
using DbUp.Builder;
using DbUp.Postgresql;
using Npgsql;
using StudentMetrics.Database.Migrations;

namespace StudentMetrics.Database;

/// <summary>
/// Applies db/migrations with DbUp, plus what DbUp lacks: an advisory lock around the whole run (two deploys at once
/// apply each script once), one transaction per script, a SHA-256 per applied script that later runs check (an edited
/// applied script stops the run, naming it), and a dry run.
/// </summary>
public sealed class DatabaseMigrator
{
    // Any constant works; advisory locks are per database, so this one key serialises runs on one database only.
    private const long RunLockKey = 0x5354_4D45_5452_4943; // "STMETRIC"

    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<MigrationScript> _scripts;
    private readonly TextWriter? _log;

    /// <param name="dataSource">Connects as the migration owner (student_metrics_owner), never a superuser.</param>
    /// <param name="log">Progress messages (stderr on the command line); null for none.</param>
    public DatabaseMigrator(NpgsqlDataSource dataSource, TextWriter? log = null)
        : this(dataSource, EmbeddedMigrations.Load(), log)
    {
    }

    internal DatabaseMigrator(NpgsqlDataSource dataSource, IReadOnlyList<MigrationScript> scripts, TextWriter? log)
    {
        _dataSource = dataSource;
        _scripts = EmbeddedMigrations.Ordered(scripts);
        _log = log;
    }

    /// <param name="dryRun">List what would be applied and change nothing.</param>
    /// <exception cref="AppliedMigrationChangedException">An applied script was edited since.</exception>
    /// <exception cref="MigrationFailedException">A script failed (it was rolled back; the scripts before it stay applied).</exception>
    public async Task<MigrationResult> MigrateAsync(bool dryRun, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        SuperuserGuard.ThrowIfSuperuser(connection);
        if (dryRun)
        {
            var plan = MigrationPlan.Create(_scripts, await MigrationJournal.ReadAsync(connection, cancellationToken).ConfigureAwait(false));
            return new MigrationResult(true, [.. plan.Pending.Select(s => s.Name)], plan.AlreadyApplied, plan.AppliedButUnknown);
        }

        // A session lock held by this connection while DbUp works on its own: a second run waits here, then finds
        // everything applied. If this process dies the server drops the connection and the lock with it.
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({RunLockKey})", timeoutSeconds: 0, cancellationToken).ConfigureAwait(false);
        try
        {
            await MigrationJournal.EnsureTableAsync(connection, cancellationToken).ConfigureAwait(false);
            var applied = await MigrationJournal.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
            var plan = MigrationPlan.Create(_scripts, applied);
            foreach (var name in plan.AppliedButUnknown)
            {
                _log?.WriteLine($"migrate: warn: {name} is applied but not part of this build (a newer build migrated this database)");
            }

            if (plan.Pending.Count == 0)
            {
                return new MigrationResult(false, [], plan.AlreadyApplied, plan.AppliedButUnknown);
            }

            var result = BuildEngine(applied).Build().PerformUpgrade();
            if (!result.Successful)
            {
                throw new MigrationFailedException(result.ErrorScript?.Name ?? "(unknown)", result.Error);
            }

            return new MigrationResult(false, [.. result.Scripts.Select(s => s.Name)], plan.AlreadyApplied, plan.AppliedButUnknown);
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({RunLockKey})", timeoutSeconds: 30, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private UpgradeEngineBuilder BuildEngine(IReadOnlyDictionary<string, string> applied) =>
        PostgresqlExtensions.PostgresqlDatabase(new PostgresqlConnectionManager(_dataSource))
            .WithScripts(new MigrationScriptProvider(_scripts))
            .JournalTo(new MigrationJournal(applied))
            .WithTransactionPerScript()
            // $name$ would otherwise be read as a DbUp variable, and dollar-quoted PL/pgSQL bodies use exactly that.
            .WithVariablesDisabled()
            .WithExecutionTimeout(TimeSpan.FromMinutes(10))
            .LogTo(new TextWriterUpgradeLog(_log));

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, int timeoutSeconds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
