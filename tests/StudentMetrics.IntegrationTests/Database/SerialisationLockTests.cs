using Npgsql;
using StudentMetrics.Database;
using StudentMetrics.Database.Migrations;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// Merges and migrate runs serialise on table locks only the owner can take (core.merge_lock,
/// public.schema_migrations_lock), and wait for them only so long: a session holding one makes the other fail,
/// naming it, instead of waiting for ever.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SerialisationLockTests(LocalStack stack) : IAsyncLifetime
{
    private const string Fall = "2024-2025-S1";
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync(stack, "locks");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    // The loader takes the merge lock only inside core.merge_staged, which runs with the owner's rights.
    [Theory]
    [InlineData("student_metrics_reporting", "core.merge_lock")]
    [InlineData("student_metrics_reporting", "public.schema_migrations_lock")]
    [InlineData("student_metrics_loader", "core.merge_lock")]
    [InlineData("student_metrics_loader", "public.schema_migrations_lock")]
    public async Task Neither_the_reporting_nor_the_loader_role_nor_their_members_can_take_the_locks(string role, string table)
    {
        await using var member = await _database.ConnectAsMemberOfAsync(role);
        await using var connection = await member.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        foreach (var identity in new[] { "", $"SET LOCAL ROLE {role}; " })
        {
            await using var savepoint = new NpgsqlCommand("SAVEPOINT attempt", connection, transaction);
            await savepoint.ExecuteNonQueryAsync();
            var error = await Should.ThrowAsync<PostgresException>(() => connection.ScalarAsync<int>($"{identity}LOCK TABLE {table} IN EXCLUSIVE MODE; SELECT 0"));
            error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, identity);
            await using var rollback = new NpgsqlCommand("ROLLBACK TO SAVEPOINT attempt", connection, transaction);
            await rollback.ExecuteNonQueryAsync();
        }
    }

    // What froze loading and deploys before: a reporting session holding the advisory locks they used.
    [Fact]
    public async Task Advisory_locks_a_reporting_session_holds_no_longer_stop_a_load_or_a_migrate_run()
    {
        await using var member = await _database.ConnectAsMemberOfAsync("student_metrics_reporting");
        await using var reporting = await member.OpenConnectionAsync();
        // The keys the merge and the migrator locked: hashtext('core.merge_staged') and the migrator's constant.
        await reporting.ScalarAsync<string>("SELECT concat(pg_advisory_lock(hashtext('core.merge_staged')), pg_advisory_lock(6004509163354474819))");
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var loader = new CleanFileLoader(await _database.ConnectAsMemberOfAsync("student_metrics_loader"));

        var file = new CleanFile(new CleanRow("S1", Fall, "2025-01-10"));
        var load = await loader.LoadAsync(new MemoryStream(file.Bytes), file.From("raw/a.csv"), guard.Token);
        var migrate = await new DatabaseMigrator(_database.Owner).MigrateAsync(dryRun: false, guard.Token);

        load.Inserted.ShouldBe(1);
        migrate.Scripts.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_merge_waits_for_a_held_merge_lock_only_as_long_as_the_setting_says_then_fails_naming_the_holder()
    {
        await _database.ExecuteAsync("UPDATE core.settings SET merge_lock_timeout = '1 second'");
        var holderSource = await _database.ConnectAsMemberOfAsync("student_metrics_owner", applicationName: "stuck-merge");
        await using var holder = await holderSource.OpenConnectionAsync();
        await using var held = await holder.BeginTransactionAsync();
        await holder.ScalarAsync<int>("LOCK TABLE core.merge_lock IN EXCLUSIVE MODE; SELECT 0");
        var holderPid = holder.ProcessID;
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var loader = new CleanFileLoader(await _database.ConnectAsMemberOfAsync("student_metrics_loader"));

        var file = new CleanFile(new CleanRow("S1", Fall, "2025-01-10"));
        var error = await Should.ThrowAsync<PostgresException>(() => loader.LoadAsync(new MemoryStream(file.Bytes), file.From("raw/a.csv"), guard.Token));

        error.SqlState.ShouldBe(PostgresErrorCodes.LockNotAvailable);
        error.MessageText.ShouldContain("merge lock");
        error.MessageText.ShouldContain($"pid {holderPid}");
        error.MessageText.ShouldContain("'stuck-merge'");
        (await _database.ScalarAsync<string>("SELECT status FROM core.ingestion_ledger")).ShouldBe("failed");
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics")).ShouldBe(0);
    }

    [Fact]
    public async Task A_migrate_run_waits_for_a_held_migration_lock_only_so_long_then_fails_naming_the_holder()
    {
        var holderSource = await _database.ConnectAsMemberOfAsync("student_metrics_owner", applicationName: "stuck-migrate");
        await using var holder = await holderSource.OpenConnectionAsync();
        await using var held = await holder.BeginTransactionAsync();
        await holder.ScalarAsync<int>("LOCK TABLE public.schema_migrations_lock IN EXCLUSIVE MODE; SELECT 0");
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var withOneMore = EmbeddedMigrations.Scripts().Append(new MigrationScript("0999_added_later.sql", "CREATE TABLE core.added_later (x int);"));

        var error = await Should.ThrowAsync<MigrationLockTimeoutException>(
            () => new DatabaseMigrator(_database.Owner, withOneMore, log: null, lockTimeout: TimeSpan.FromSeconds(1)).MigrateAsync(dryRun: false, guard.Token));

        error.Message.ShouldContain($"pid {holder.ProcessID}");
        error.Message.ShouldContain("'stuck-migrate'");
        (await _database.ScalarAsync<bool>("SELECT to_regclass('core.added_later') IS NULL")).ShouldBeTrue();
    }
}
