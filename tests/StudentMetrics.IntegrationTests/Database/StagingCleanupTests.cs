using Npgsql;
using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// A merge clears its own staged rows, by TRUNCATE when they are all the staging table holds (a new relfilenode
/// shows it), and never touches rows another file has staged, committed or still being written.
/// On a fresh database and on one upgraded from the versioned history.
/// </summary>
public abstract class StagingCleanupTests(LocalStack stack, DatabaseOrigin origin) : IAsyncLifetime
{
    private const string Fall = "2024-2025-S1";
    private const string OtherSha256 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private MigratedDatabase _database = null!;
    private CleanFileLoader _loader = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync(stack, "staging_cleanup", origin);
        _loader = new CleanFileLoader(await _database.ConnectAsMemberOfAsync("student_metrics_loader"));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_file_staged_alone_is_cleared_by_truncate()
    {
        var fileNodeBefore = await StagingFileNodeAsync();

        var result = await new CleanFile(new CleanRow("S1", Fall, "2025-01-10"), new CleanRow("S2", Fall, "2025-01-10")).LoadAsync(_loader, "raw/a.csv");

        result.Inserted.ShouldBe(2);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics_staging")).ShouldBe(0);
        (await StagingFileNodeAsync()).ShouldNotBe(fileNodeBefore);
    }

    [Fact]
    public async Task Rows_another_file_staged_and_committed_are_kept_and_merge_later()
    {
        // A Glue run between its staging and its merge: its rows are committed in the staging table.
        var otherLedgerId = await _database.ScalarAsync<long>($"SELECT ledger_id FROM core.begin_load('raw/glue.csv', '{OtherSha256}')");
        await _database.ExecuteAsync(StageOtherFile("raw/glue.csv", rows: 3));
        var fileNodeBefore = await StagingFileNodeAsync();

        var result = await new CleanFile(new CleanRow("S1", Fall, "2025-01-10")).LoadAsync(_loader, "raw/a.csv");

        result.Inserted.ShouldBe(1);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics_staging")).ShouldBe(3);
        (await StagingFileNodeAsync()).ShouldBe(fileNodeBefore);
        (await _database.ScalarAsync<long>($"SELECT rows_inserted FROM core.merge_staged({otherLedgerId}, 3)")).ShouldBe(3);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics")).ShouldBe(4);
    }

    [Fact]
    public async Task A_merge_does_not_wait_for_a_loader_that_is_still_staging_and_leaves_its_rows()
    {
        await using var staging = await _database.Owner.OpenConnectionAsync();
        await using var transaction = await staging.BeginTransactionAsync();
        var otherLedgerId = await staging.ScalarAsync<long>($"SELECT ledger_id FROM core.begin_load('raw/other.csv', '{OtherSha256}')");
        await staging.ScalarAsync<int>(StageOtherFile("raw/other.csv", rows: 2) + "; SELECT 0");

        // Waiting here for the open transaction above would never end; the guard turns that into a failure.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var file = new CleanFile(new CleanRow("S1", Fall, "2025-01-10"));
        var result = await _loader.LoadAsync(new MemoryStream(file.Bytes), file.From("raw/a.csv"), guard.Token);

        result.Inserted.ShouldBe(1);
        (await staging.ScalarAsync<long>($"SELECT rows_inserted FROM core.merge_staged({otherLedgerId}, 2)")).ShouldBe(2);
        await transaction.CommitAsync();
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics")).ShouldBe(3);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics_staging")).ShouldBe(0);
    }

    private static string StageOtherFile(string key, int rows) => $"""
        INSERT INTO core.student_metrics_staging (student_id, school_id, grade_level, term, days_enrolled, recorded_on, source_row, source_key, source_sha256)
        SELECT 'OTHER' || g, 'SCH', 5, '{Fall}', 100, date '2025-01-01', g, '{key}', '{OtherSha256}'
        FROM generate_series(1, {rows}) g
        """;

    private Task<uint> StagingFileNodeAsync() =>
        _database.ScalarAsync<uint>("SELECT pg_relation_filenode('core.student_metrics_staging')");

    [Collection(StackCollection.Name)]
    public sealed class OnAFreshDatabase(LocalStack stack) : StagingCleanupTests(stack, DatabaseOrigin.Fresh);

    [Collection(StackCollection.Name)]
    public sealed class OnAnUpgradedDatabase(LocalStack stack) : StagingCleanupTests(stack, DatabaseOrigin.UpgradedFromHistory);
}
