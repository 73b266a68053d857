using DbUp;
using DbUp.Builder;
using DbUp.Postgresql;
using Npgsql;
using StudentMetrics.Database.Migrations;

namespace StudentMetrics.Database;

/// <summary>
/// Applies db/migrations: the baseline on a fresh database (or records it, when the database applied every script it
/// replaces), then the versioned scripts with DbUp, then the repeatable scripts. Plus what DbUp lacks: a lock around
/// the whole run that only the owner can take (two deploys at once apply each script once), one transaction per
/// script, a SHA-256 per applied script that later runs check (an edited versioned script stops the run, naming
/// it; an edited repeatable script is applied again), and a dry run.
/// </summary>
public sealed class DatabaseMigrator
{
    /// <summary>How long a run waits for another to finish: less than the migrate function's 15-minute Lambda timeout,
    /// so that a stuck run is reported by name instead of the function being killed.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromMinutes(10);

    private readonly NpgsqlDataSource _dataSource;
    private readonly MigrationCatalogue _catalogue;
    private readonly TextWriter? _log;
    private readonly TimeSpan _lockTimeout;

    /// <param name="dataSource">Connects as the migration owner (student_metrics_owner), never a superuser.</param>
    /// <param name="log">Progress messages (stderr on the command line); null for none.</param>
    public DatabaseMigrator(NpgsqlDataSource dataSource, TextWriter? log = null)
        : this(dataSource, EmbeddedMigrations.Scripts(), log)
    {
    }

    internal DatabaseMigrator(NpgsqlDataSource dataSource, IEnumerable<MigrationScript> scripts, TextWriter? log, TimeSpan? lockTimeout = null)
    {
        _dataSource = dataSource;
        _catalogue = MigrationCatalogue.Create(scripts);
        _log = log;
        _lockTimeout = lockTimeout ?? DefaultLockTimeout;
    }

    /// <param name="dryRun">List what would be applied and change nothing.</param>
    /// <exception cref="AppliedMigrationChangedException">An applied versioned script or baseline was edited since.</exception>
    /// <exception cref="MigrationHistoryException">The database's history does not fit this build's baseline; nothing was changed.</exception>
    /// <exception cref="MigrationLockTimeoutException">Another run held the lock for too long; nothing was changed.</exception>
    /// <exception cref="MigrationFailedException">A script failed (it was rolled back; the scripts before it stay applied).</exception>
    public async Task<MigrationResult> MigrateAsync(bool dryRun, CancellationToken cancellationToken)
    {
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            SuperuserGuard.ThrowIfSuperuser(connection);
            if (dryRun)
            {
                var journal = await MigrationJournal.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
                return Result(MigrationPlan.Create(_catalogue, journal), dryRun: true);
            }
        }

        await using var runLock = await MigrationRunLock.AcquireAsync(_dataSource, _lockTimeout, cancellationToken).ConfigureAwait(false);
        MigrationPlan plan;
        IReadOnlyDictionary<string, string> applied;
        await using (var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            applied = await MigrationJournal.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
            plan = MigrationPlan.Create(_catalogue, applied);
            await MigrationJournal.EnsureTableAsync(connection, cancellationToken).ConfigureAwait(false);
            Warn(plan);
            if (plan.BaselineByEquivalence is { } baseline)
            {
                await MigrationJournal.RecordByEquivalenceAsync(connection, baseline, cancellationToken).ConfigureAwait(false);
                _log?.WriteLine($"migrate: info: {baseline.Name} recorded as applied: this database applied every script it replaces");
            }
        }

        if (plan.ScriptsToRun.Count > 0)
        {
            var result = BuildEngine(plan, applied).Build().PerformUpgrade();
            if (!result.Successful)
            {
                throw new MigrationFailedException(result.ErrorScript?.Name ?? "(unknown)", result.Error);
            }
        }

        if (plan.RepeatablesToApply.Count > 0)
        {
            await RepeatableRunner.ApplyAsync(_dataSource, plan, _log, cancellationToken).ConfigureAwait(false);
        }

        return Result(plan, dryRun: false);
    }

    private void Warn(MigrationPlan plan)
    {
        foreach (var name in plan.AppliedButUnknown)
        {
            _log?.WriteLine($"migrate: warn: {name} is applied but not part of this build (a newer build migrated this database)");
        }

        if (plan.RepeatablesLeftToNewerBuild)
        {
            _log?.WriteLine("migrate: warn: views and functions left as the newer build made them; this build's repeatable scripts were not applied");
        }
    }

    private static MigrationResult Result(MigrationPlan plan, bool dryRun) => new()
    {
        DryRun = dryRun,
        Baseline = plan.BaselineToRun?.Name,
        BaselineByEquivalence = plan.BaselineByEquivalence?.Name,
        Versioned = [.. plan.VersionedToRun.Select(s => s.Name)],
        Repeatables = [.. plan.RepeatablesToApply.Select(r => r.Script.Name)],
        ChangedRepeatables = plan.ChangedRepeatables,
        RemovedRepeatables = plan.RemovedRepeatables,
        AlreadyApplied = plan.AlreadyApplied,
        AppliedButUnknown = plan.AppliedButUnknown,
    };

    private UpgradeEngineBuilder BuildEngine(MigrationPlan plan, IReadOnlyDictionary<string, string> applied) =>
        PostgresqlExtensions.PostgresqlDatabase(new PostgresqlConnectionManager(_dataSource))
            .WithScripts(new MigrationScriptProvider(plan.ScriptsToRun))
            .JournalTo(new MigrationJournal(applied))
            .WithTransactionPerScript()
            // $name$ would otherwise be read as a DbUp variable, and dollar-quoted PL/pgSQL bodies use exactly that.
            .WithVariablesDisabled()
            .WithExecutionTimeout(TimeSpan.FromMinutes(10))
            .LogTo(new TextWriterUpgradeLog(_log));
}
