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
        var scripts = EmbeddedMigrations.Load();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await new DatabaseMigrator(_dataSource).MigrateAsync(dryRun: false, CancellationToken.None);
        })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(runs);

        // One run applied everything, the other waited for the lock and found nothing left to do.
        results.SelectMany(r => r.Scripts).Order(StringComparer.Ordinal).ShouldBe(scripts.Select(s => s.Name));
        var journal = await JournalAsync();
        journal.Select(j => j.Name).ShouldBe(scripts.Select(s => s.Name));
        journal.Select(j => j.Checksum).ShouldBe(scripts.Select(s =>
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(stack.Repository, "db", "migrations", s.Name))))));
    }

    [Fact]
    public async Task An_edited_applied_script_makes_migrate_fail_naming_it_and_apply_nothing_more()
    {
        await new DatabaseMigrator(_dataSource).MigrateAsync(dryRun: false, CancellationToken.None);
        var edited = EmbeddedMigrations.Load()
            .Select(s => s.Name == "0003_staging_table.sql" ? s with { Contents = s.Contents + "\n-- a harmless-looking edit\n" } : s)
            .Append(new MigrationScript("0999_added_later.sql", "CREATE TABLE core.added_later (x int);"))
            .ToList();

        var error = await Should.ThrowAsync<AppliedMigrationChangedException>(
            () => new DatabaseMigrator(_dataSource, edited, log: null).MigrateAsync(dryRun: false, CancellationToken.None));

        error.ScriptName.ShouldBe("0003_staging_table.sql");
        error.Message.ShouldContain("0003_staging_table.sql");
        (await ScalarAsync<bool>("SELECT to_regclass('core.added_later') IS NULL")).ShouldBeTrue();
        await Should.ThrowAsync<AppliedMigrationChangedException>(
            () => new DatabaseMigrator(_dataSource, edited, log: null).MigrateAsync(dryRun: true, CancellationToken.None));
    }

    [Fact]
    public async Task A_dry_run_lists_the_pending_scripts_in_order_and_changes_nothing()
    {
        var scripts = EmbeddedMigrations.Load();

        var fresh = await new DatabaseMigrator(_dataSource).MigrateAsync(dryRun: true, CancellationToken.None);

        fresh.DryRun.ShouldBeTrue();
        fresh.Scripts.ShouldBe(scripts.Select(s => s.Name));
        (await ScalarAsync<bool>("SELECT to_regclass('public.schema_migrations') IS NULL AND to_regnamespace('core') IS NULL")).ShouldBeTrue();

        await new DatabaseMigrator(_dataSource).MigrateAsync(dryRun: false, CancellationToken.None);
        var withOneMore = scripts.Append(new MigrationScript("0999_added_later.sql", "CREATE TABLE core.added_later (x int);")).ToList();
        var later = await new DatabaseMigrator(_dataSource, withOneMore, log: null).MigrateAsync(dryRun: true, CancellationToken.None);

        later.Scripts.ShouldBe(["0999_added_later.sql"]);
        later.AlreadyApplied.ShouldBe(scripts.Count);
        (await ScalarAsync<bool>("SELECT to_regclass('core.added_later') IS NULL")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_failing_script_leaves_nothing_of_itself_and_the_scripts_before_it_applied()
    {
        var scripts = EmbeddedMigrations.Load()
            .Append(new MigrationScript("0998_half_done.sql", "CREATE TABLE core.half_done (x int);\nINSERT INTO core.half_done VALUES (1 / 0);"))
            .ToList();

        var error = await Should.ThrowAsync<MigrationFailedException>(
            () => new DatabaseMigrator(_dataSource, scripts, log: null).MigrateAsync(dryRun: false, CancellationToken.None));

        error.ScriptName.ShouldBe("0998_half_done.sql");
        (await ScalarAsync<bool>("SELECT to_regclass('core.half_done') IS NULL")).ShouldBeTrue();
        var journal = await JournalAsync();
        journal.Select(j => j.Name).ShouldBe(EmbeddedMigrations.Load().Select(s => s.Name));
    }

    [Fact]
    public async Task Migrate_refuses_to_run_as_a_superuser()
    {
        await using var admin = DatabaseSettings.ForConnectionString(stack.AdminConnectionString).CreateDataSource();

        var error = await Should.ThrowAsync<InvalidOperationException>(
            () => new DatabaseMigrator(admin).MigrateAsync(dryRun: true, CancellationToken.None));

        error.Message.ShouldContain("superuser");
    }

    private async Task<List<(string Name, string Checksum)>> JournalAsync()
    {
        await using var command = _dataSource.CreateCommand("SELECT script_name, checksum_sha256 FROM public.schema_migrations ORDER BY script_name");
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
