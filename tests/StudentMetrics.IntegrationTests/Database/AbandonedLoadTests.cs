using Npgsql;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// A load attempt left 'loading' (its process was killed, its connection lost) is marked failed by the next
/// core.begin_load once it is older than core.settings.load_abandoned_after: the ledger tells the truth.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AbandonedLoadTests(LocalStack stack) : IAsyncLifetime
{
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync(stack, "abandoned");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_next_load_marks_attempts_older_than_the_limit_failed_and_leaves_the_rest()
    {
        var abandoned = await OpenAttemptAsync("raw/killed.csv", startedAgo: "3 hours");
        var recent = await OpenAttemptAsync("raw/still-running.csv", startedAgo: "10 minutes");
        var loaded = await OpenAttemptAsync("raw/done.csv", startedAgo: "5 hours", status: "loaded");

        await BeginLoadAsLoaderAsync("raw/next.csv");

        (await StatusAsync(abandoned)).ShouldBe("failed");
        (await _database.ScalarAsync<string>($"SELECT error FROM core.ingestion_ledger WHERE ledger_id = {abandoned}"))
            .ShouldStartWith("abandoned: still loading 03:00:");
        (await _database.ScalarAsync<bool>($"SELECT finished_at IS NOT NULL FROM core.ingestion_ledger WHERE ledger_id = {abandoned}")).ShouldBeTrue();
        (await StatusAsync(recent)).ShouldBe("loading");
        (await StatusAsync(loaded)).ShouldBe("loaded");
    }

    [Fact]
    public async Task The_limit_is_a_setting()
    {
        var attempt = await OpenAttemptAsync("raw/killed.csv", startedAgo: "30 minutes");
        await BeginLoadAsLoaderAsync("raw/next.csv");
        (await StatusAsync(attempt)).ShouldBe("loading");

        await _database.ExecuteAsync("UPDATE core.settings SET load_abandoned_after = '20 minutes'");
        await BeginLoadAsLoaderAsync("raw/later.csv");

        (await StatusAsync(attempt)).ShouldBe("failed");
    }

    // A merge holds its entry's row while it works: however old the entry, it is not abandoned, and is not waited for.
    [Fact]
    public async Task An_old_attempt_a_merge_is_working_on_is_left_alone_without_waiting_for_it()
    {
        var attempt = await OpenAttemptAsync("raw/slow.csv", startedAgo: "3 hours");
        await using var merging = await _database.Owner.OpenConnectionAsync();
        await using var transaction = await merging.BeginTransactionAsync();
        await merging.ScalarAsync<long>($"SELECT ledger_id FROM core.ingestion_ledger WHERE ledger_id = {attempt} FOR UPDATE");

        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await BeginLoadAsLoaderAsync("raw/next.csv", guard.Token);
        await transaction.RollbackAsync();

        (await StatusAsync(attempt)).ShouldBe("loading");
    }

    private async Task<long> OpenAttemptAsync(string key, string startedAgo, string status = "loading") =>
        await _database.ScalarAsync<long>(
            $"""
            INSERT INTO core.ingestion_ledger (source_key, source_sha256, status, started_at)
            VALUES ('{key}', repeat('a', 64), '{status}', now() - interval '{startedAgo}') RETURNING ledger_id
            """);

    private async Task BeginLoadAsLoaderAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var loader = await _database.ConnectAsMemberOfAsync("student_metrics_loader");
        await using var command = loader.CreateCommand($"SELECT ledger_id FROM core.begin_load('{key}', repeat('b', 64))");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private Task<string> StatusAsync(long ledgerId) => _database.ScalarAsync<string>($"SELECT status FROM core.ingestion_ledger WHERE ledger_id = {ledgerId}");
}
