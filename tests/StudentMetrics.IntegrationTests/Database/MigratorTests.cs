using System.Security.Cryptography;
using Npgsql;
using StudentMetrics.Database;
using StudentMetrics.Database.Migrations;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

[Collection(StackCollection.Name)]
public sealed class MigratorTests(LocalStack stack) : IAsyncLifetime
{
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync() =>
        _dataSource = DatabaseSettings.ForConnectionString(await stack.CreateDatabaseAsync("migrator")).CreateDataSource();

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Two_runs_started_at_the_same_moment_both_succeed_and_the_journal_shows_each_script_once()
    {
        var scripts = EmbeddedMigrations.Load().All.ToList();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await new DatabaseMigrator(_dataSource).MigrateAsync(dryRun: false, CancellationToken.None);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(runs);

        // One run applied everything, in order; the other waited for the lock and found nothing left to do.
        results.Select(r => r.Scripts.Count).Order().ShouldBe([0, scripts.Count]);
        results.Single(r => r.Scripts.Count > 0).Scripts.ShouldBe(scripts.Select(s => s.Name));
        results.Single(r => r.Scripts.Count == 0).AlreadyApplied.ShouldBe(scripts.Count);
        var journal = await JournalAsync();
        journal.Select(j => j.Name).ShouldBe(scripts.Select(s => s.Name).Order(StringComparer.Ordinal));
        journal.Select(j => j.Checksum).ShouldBe(journal.Select(j =>
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(stack.Repository, "db", "migrations", j.Name))))));
    }

    [Theory]
    [InlineData("B0043_baseline.sql")]
    [InlineData("0044_merge_lock_and_load_settings.sql")]
    public async Task An_edited_applied_script_makes_migrate_fail_naming_it_and_apply_nothing_more(string name)
    {
        await new DatabaseMigrator(_dataSource).MigrateAsync(dryRun: false, CancellationToken.None);
        var edited = EmbeddedMigrations.Scripts()
            .Select(s => s.Name == name ? s with { Contents = s.Contents + "\n-- a harmless-looking edit\n" } : s)
            .Append(new MigrationScript("0999_added_later.sql", "CREATE TABLE core.added_later (x int);"))
            .ToList();

        var error = await Should.ThrowAsync<AppliedMigrationChangedException>(
            () => new DatabaseMigrator(_dataSource, edited, log: null).MigrateAsync(dryRun: false, CancellationToken.None));

        error.ScriptName.ShouldBe(name);
        error.Message.ShouldContain(name);
        (await ScalarAsync<bool>("SELECT to_regclass('core.added_later') IS NULL")).ShouldBeTrue();
        await Should.ThrowAsync<AppliedMigrationChangedException>(
            () => new DatabaseMigrator(_dataSource, edited, log: null).MigrateAsync(dryRun: true, CancellationToken.None));
    }

    [Fact]
    public async Task A_dry_run_lists_what_would_run_in_order_and_changes_nothing()
    {
        var scripts = EmbeddedMigrations.Load();

        var fresh = await new DatabaseMigrator(_dataSource).MigrateAsync(dryRun: true, CancellationToken.None);

        fresh.DryRun.ShouldBeTrue();
        fresh.Scripts.ShouldBe(scripts.All.Select(s => s.Name));
        (await ScalarAsync<bool>("SELECT to_regclass('public.schema_migrations') IS NULL AND to_regnamespace('core') IS NULL")).ShouldBeTrue();

        await new DatabaseMigrator(_dataSource).MigrateAsync(dryRun: false, CancellationToken.None);
        var withOneMore = EmbeddedMigrations.Scripts().Append(new MigrationScript("0999_added_later.sql", "CREATE TABLE core.added_later (x int);")).ToList();
        var later = await new DatabaseMigrator(_dataSource, withOneMore, log: null).MigrateAsync(dryRun: true, CancellationToken.None);

        // A versioned script may drop what a view reads, so every repeatable is applied again after it.
        later.Versioned.ShouldBe(["0999_added_later.sql"]);
        later.Repeatables.ShouldBe(scripts.Repeatables.Select(r => r.Script.Name));
        later.ChangedRepeatables.ShouldBeEmpty();
        later.AlreadyApplied.ShouldBe(1 + scripts.Versioned.Count);
        (await ScalarAsync<bool>("SELECT to_regclass('core.added_later') IS NULL")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_failing_script_leaves_nothing_of_itself_and_the_scripts_before_it_applied()
    {
        var scripts = EmbeddedMigrations.Scripts()
            .Append(new MigrationScript("0998_half_done.sql", "CREATE TABLE core.half_done (x int);\nINSERT INTO core.half_done VALUES (1 / 0);"))
            .ToList();

        var error = await Should.ThrowAsync<MigrationFailedException>(
            () => new DatabaseMigrator(_dataSource, scripts, log: null).MigrateAsync(dryRun: false, CancellationToken.None));

        error.ScriptName.ShouldBe("0998_half_done.sql");
        (await ScalarAsync<bool>("SELECT to_regclass('core.half_done') IS NULL")).ShouldBeTrue();
        var catalogue = EmbeddedMigrations.Load();
        (await JournalAsync()).Select(j => j.Name)
            .ShouldBe(catalogue.Versioned.Select(v => v.Script.Name).Prepend(catalogue.Baseline!.Script.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Migrate_refuses_to_run_as_a_superuser()
    {
        await using var admin = DatabaseSettings.ForConnectionString(stack.AdminConnectionString).CreateDataSource();

        var error = await Should.ThrowAsync<InvalidOperationException>(
            () => new DatabaseMigrator(admin).MigrateAsync(dryRun: true, CancellationToken.None));

        error.Message.ShouldContain("superuser");
    }

    [Fact]
    public async Task A_database_that_applied_the_whole_history_records_the_baseline_by_equivalence_and_warns_of_nothing()
    {
        var connectionString = await stack.CreateDatabaseAsync("migrator_upgrade");
        await MigrationHistory.ApplyAsync(connectionString, stack.Repository);
        await using var dataSource = StudentMetricsDataSource.Create(connectionString, requireTls: false);
        var log = new StringWriter();

        var result = await new DatabaseMigrator(dataSource, log).MigrateAsync(dryRun: false, CancellationToken.None);

        var catalogue = EmbeddedMigrations.Load();
        result.Baseline.ShouldBeNull();
        result.BaselineByEquivalence.ShouldBe(catalogue.Baseline!.Script.Name);
        result.Versioned.ShouldBe(catalogue.Versioned.Select(v => v.Script.Name));
        result.Repeatables.ShouldBe(catalogue.Repeatables.Select(r => r.Script.Name));
        result.AppliedButUnknown.ShouldBeEmpty();
        log.ToString().ShouldNotContain("warn");
        await using var command = dataSource.CreateCommand(
            "SELECT checksum_sha256, applied_by_equivalence FROM public.schema_migrations WHERE script_name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = catalogue.Baseline.Script.Name });
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.GetString(0).ShouldBe(catalogue.Baseline.Script.Checksum);
        reader.GetBoolean(1).ShouldBeTrue();
    }

    [Fact]
    public async Task A_database_that_applied_part_of_the_history_is_refused_with_what_to_do_and_left_unchanged()
    {
        var connectionString = await stack.CreateDatabaseAsync("migrator_partial");
        await MigrationHistory.ApplyAsync(connectionString, stack.Repository, upTo: "0012_cheaper_term_and_hash_checks.sql");
        await using var dataSource = StudentMetricsDataSource.Create(connectionString, requireTls: false);

        var error = await Should.ThrowAsync<MigrationHistoryException>(
            () => new DatabaseMigrator(dataSource).MigrateAsync(dryRun: false, CancellationToken.None));

        error.Message.ShouldContain("applied 9 of the 15 versioned scripts B0043_baseline.sql replaces");
        error.Message.ShouldContain("0013_merge_truncates_staging_when_alone.sql");
        error.Message.ShouldContain("git log --diff-filter=A -- db/migrations/B0043_baseline.sql");
        await using var journal = dataSource.CreateCommand("SELECT count(*) FROM public.schema_migrations");
        ((long)(await journal.ExecuteScalarAsync())!).ShouldBe(9);
        await using var table = dataSource.CreateCommand("SELECT to_regclass('core.merge_lock') IS NULL");
        ((bool)(await table.ExecuteScalarAsync())!).ShouldBeTrue();
    }

    private async Task<List<(string Name, string Checksum)>> JournalAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT script_name, checksum_sha256 FROM public.schema_migrations ORDER BY script_name COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
