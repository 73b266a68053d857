using Npgsql;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>What each role may do, tried as a LOGIN member of it, the way Tableau and the loader connect.</summary>
[Collection(StackCollection.Name)]
public sealed class RoleTests(LocalStack stack) : IAsyncLifetime
{
    private const string InsufficientPrivilege = "42501";
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync(stack, "roles");
        // A reporting view as a later migration adds one: created by the owner, with no grant of its own.
        await _database.ExecuteAsync("CREATE VIEW reporting.term_counts AS SELECT term, count(*) AS students FROM core.student_metrics GROUP BY term");
        await _database.ExecuteAsync(
            """
            INSERT INTO core.student_metrics (student_id, term, school_id, grade_level, days_enrolled, recorded_on, source_key, source_sha256, source_row)
            VALUES ('S1', '2024-2025-S1', 'SCH1', 5, 90, '2025-01-10', 'raw/a.csv', repeat('a', 64), 1)
            """);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_reporting_role_reads_the_reporting_views()
    {
        await using var reporting = await _database.ConnectAsMemberOfAsync("student_metrics_reporting");
        await using var command = reporting.CreateCommand("SELECT students FROM reporting.term_counts WHERE term = '2024-2025-S1'");

        ((long)(await command.ExecuteScalarAsync())!).ShouldBe(1);
    }

    // Members log in with their own settings (a group role's ALTER ROLE ... SET does not reach them), so these
    // sessions are writable as far as PostgreSQL's read-only mode goes: the grants alone must refuse.
    [Theory]
    [InlineData("SELECT count(*) FROM core.student_metrics")]
    [InlineData("SELECT count(*) FROM core.ingestion_ledger")]
    [InlineData("SELECT count(*) FROM core.student_metrics_staging")]
    [InlineData("SELECT count(*) FROM public.schema_migrations")]
    [InlineData("SELECT * FROM core.begin_load('raw/x.csv', repeat('a', 64))")]
    [InlineData("INSERT INTO core.student_metrics_staging (source_key, source_sha256) VALUES ('k', repeat('a', 64))")]
    [InlineData("CREATE TABLE reporting.mine (x int)")]
    [InlineData("CREATE TABLE public.mine (x int)")]
    [InlineData("CREATE TEMP TABLE scratch (x int)")]
    [InlineData("CREATE OR REPLACE VIEW reporting.term_counts AS SELECT 'x'::text AS term, 0::bigint AS students")]
    [InlineData("DROP VIEW reporting.term_counts")]
    public async Task The_reporting_role_cannot_read_base_tables_or_write_anything(string sql)
    {
        await using var reporting = await _database.ConnectAsMemberOfAsync("student_metrics_reporting");

        var error = await Should.ThrowAsync<PostgresException>(async () =>
        {
            await using var command = reporting.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        });

        error.SqlState.ShouldBe(InsufficientPrivilege);
    }

    [Theory]
    [InlineData("SELECT count(*) FROM core.student_metrics")]
    [InlineData("SELECT count(*) FROM core.ingestion_ledger")]
    [InlineData("UPDATE core.student_metrics SET gpa = 5")]
    [InlineData("DELETE FROM core.student_metrics")]
    [InlineData("TRUNCATE core.student_metrics")]
    [InlineData("UPDATE core.ingestion_ledger SET status = 'loaded'")]
    [InlineData("DELETE FROM core.student_metrics_staging")]
    [InlineData("TRUNCATE core.student_metrics_staging")]
    [InlineData("ALTER TABLE core.student_metrics_staging ADD COLUMN x int")]
    [InlineData("DROP TABLE core.student_metrics_staging")]
    [InlineData("CREATE TABLE core.mine (x int)")]
    [InlineData("CREATE TEMP TABLE scratch (x int)")]
    [InlineData("SELECT count(*) FROM reporting.term_counts")]
    public async Task The_loader_role_cannot_read_or_alter_what_loading_does_not_need(string sql)
    {
        await using var loader = await _database.ConnectAsMemberOfAsync("student_metrics_loader");

        var error = await Should.ThrowAsync<PostgresException>(async () =>
        {
            await using var command = loader.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        });

        error.SqlState.ShouldBe(InsufficientPrivilege);
    }

    [Fact]
    public async Task The_loader_role_can_stage_rows_and_open_a_load()
    {
        await using var loader = await _database.ConnectAsMemberOfAsync("student_metrics_loader");
        await using (var stage = loader.CreateCommand("INSERT INTO core.student_metrics_staging (student_id, source_key, source_sha256) VALUES ('S9', 'raw/x.csv', repeat('b', 64))"))
        {
            (await stage.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        await using var begin = loader.CreateCommand("SELECT already_loaded FROM core.begin_load('raw/y.csv', repeat('c', 64))");
        ((bool)(await begin.ExecuteScalarAsync())!).ShouldBeFalse();
    }
}
