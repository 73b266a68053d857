using Npgsql;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// How the merge reaches core.student_metrics, counted by PostgreSQL itself (sequential scans in this transaction),
/// so the test depends on the plan's shape and never on the clock.
/// On a fresh database and on one upgraded from the versioned history.
/// </summary>
public abstract class MergePlanTests(LocalStack stack, DatabaseOrigin origin) : IAsyncLifetime
{
    private const int RowsInFile = 3000;
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync(stack, "merge_plan", origin);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    // A table analysed while empty looks like a one-row table to the planner; one with rows written since looks
    // smaller than it is. Either way a plan that scans it once per staged row made a million-row merge run for hours.
    // Both tables are given such statistics here.
    [Theory]
    [InlineData(0)]
    [InlineData(200)]
    public async Task A_file_never_makes_the_merge_scan_the_stored_table_once_per_row(int rowsWrittenAfterAnalyse)
    {
        await _database.ExecuteAsync("ANALYZE core.student_metrics; ANALYZE core.student_metrics_staging");
        if (rowsWrittenAfterAnalyse > 0)
        {
            await _database.ExecuteAsync($"""
                INSERT INTO core.student_metrics (student_id, term, school_id, grade_level, days_enrolled, recorded_on, source_key, source_sha256, source_row)
                SELECT 'EARLIER' || g, '2023-2024-S1', 'SCH', 5, 100, date '2024-01-01', 'raw/earlier.csv', repeat('e', 64), g
                FROM generate_series(1, {rowsWrittenAfterAnalyse}) g
                """);
        }

        await using var connection = await _database.Owner.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var ledgerId = await connection.ScalarAsync<long>("SELECT ledger_id FROM core.begin_load('raw/large.csv', repeat('a', 64))");
        await connection.ScalarAsync<int>($"""
            INSERT INTO core.student_metrics_staging (student_id, school_id, grade_level, term, days_enrolled, recorded_on, source_row, source_key, source_sha256)
            SELECT 'S' || g, 'SCH', 5, '2024-2025-S1', 100, date '2025-01-01', g, 'raw/large.csv', repeat('a', 64)
            FROM generate_series(1, {RowsInFile}) g;
            SELECT 0
            """);
        var storedScansBefore = await SequentialScansAsync(connection, "core.student_metrics");
        var stagingScansBefore = await SequentialScansAsync(connection, "core.student_metrics_staging");

        var inserted = await connection.ScalarAsync<long>($"SELECT rows_inserted FROM core.merge_staged({ledgerId}, {RowsInFile})");

        inserted.ShouldBe(RowsInFile);
        // Every lookup of a stored row is a primary-key probe; the per-row plan this guards against makes RowsInFile scans.
        (await SequentialScansAsync(connection, "core.student_metrics") - storedScansBefore).ShouldBe(0);
        // The staging table has no index: each statement of the merge reads it once (count, update, insert, cleanup).
        (await SequentialScansAsync(connection, "core.student_metrics_staging") - stagingScansBefore).ShouldBeLessThan(10);
    }

    private static Task<long> SequentialScansAsync(NpgsqlConnection connection, string table) =>
        connection.ScalarAsync<long>($"SELECT pg_stat_get_xact_numscans('{table}'::regclass)");

    [Collection(StackCollection.Name)]
    public sealed class OnAFreshDatabase(LocalStack stack) : MergePlanTests(stack, DatabaseOrigin.Fresh);

    [Collection(StackCollection.Name)]
    public sealed class OnAnUpgradedDatabase(LocalStack stack) : MergePlanTests(stack, DatabaseOrigin.UpgradedFromHistory);
}
