using Npgsql;
using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

[Collection(StackCollection.Name)]
public sealed class KilledLoadTests(LocalStack stack) : IAsyncLifetime
{
    private const int Rows = 40_000;
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync(stack, "killed");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_load_whose_connection_is_terminated_during_the_copy_leaves_nothing_and_a_retry_loads_everything_once()
    {
        var application = "killed-load-" + Guid.NewGuid().ToString("N")[..8];
        var loader = new CleanFileLoader(await _database.ConnectAsMemberOfAsync("student_metrics_loader", application));
        var source = new LoadSource("raw/big-district.csv", GatedCleanFileStream.Sha256Of(Rows));
        using var gated = new GatedCleanFileStream(Rows, gateAfterRows: Rows / 2);

        var load = Task.Run(() => loader.LoadAsync(gated, source, CancellationToken.None));
        await gated.ReachedGate.WaitAsync(TimeSpan.FromMinutes(1));
        var terminated = await TerminateCopyAsync(application);
        gated.Release();

        terminated.ShouldBe(1);
        await Should.ThrowAsync<Exception>(load);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics")).ShouldBe(0);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics_staging")).ShouldBe(0);
        (await _database.ScalarAsync<string>("SELECT string_agg(status, ',') FROM core.ingestion_ledger")).ShouldNotContain("loaded");

        using var retry = new GatedCleanFileStream(Rows, gateAfterRows: Rows);
        var result = await loader.LoadAsync(retry, source, CancellationToken.None);

        result.Outcome.ShouldBe(LoadOutcome.Loaded);
        result.Inserted.ShouldBe(Rows);
        (await _database.ScalarAsync<long>("SELECT count(DISTINCT (student_id, term)) FROM core.student_metrics")).ShouldBe(Rows);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics")).ShouldBe(Rows);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.ingestion_ledger WHERE status = 'loaded'")).ShouldBe(1);
    }

    // The superuser does what an operator (or a failover) would: it ends the loader's backend mid-COPY.
    private async Task<int> TerminateCopyAsync(string application)
    {
        await using var admin = new NpgsqlConnection(stack.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*)::int FROM (
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE application_name = $1 AND state = 'active' AND query LIKE 'COPY core.student_metrics_staging%') killed
            """,
            admin);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = application });
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
