using Npgsql;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Dashboards;

[Collection(StackCollection.Name)]
public sealed class ReportingRoleTests(LocalStack stack)
{
    public static TheoryData<string> Views => new()
    {
        "attendance_rate", "chronic_absence", "average_scores", "score_bands", "students_at_risk", "suppressed_values",
        "data_freshness", "settings", "terms", "refresh_status",
    };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task The_reporting_role_reads_every_reporting_view_with_rows_after_the_sample_load(string view)
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "role_views");
        (await ReportingDatabase.LoadSampleAsync(stack, db)).ShouldBeGreaterThan(200);
        await using var connection = await OpenAsReportingRoleAsync(db);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM reporting.{view}", connection);
        ((long)(await command.ExecuteScalarAsync())!).ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("core.student_metrics")]
    [InlineData("core.ingestion_ledger")]
    [InlineData("core.ingestion_ledger_schools")]
    [InlineData("reporting_internal.cells")]
    [InlineData("reporting_internal.group_values")]
    [InlineData("reporting_internal.disclosure_decisions")]
    // The feeds reporting does not cover: their rows are student-level and nothing publishes them.
    [InlineData("core.uci_student_performance")]
    [InlineData("core.kaggle_exam_scores")]
    [InlineData("core.student_metrics_displaced")]
    public async Task The_reporting_role_cannot_read_student_level_tables(string relation)
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "role_core");
        await using var connection = await OpenAsReportingRoleAsync(db);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {relation}", connection);
        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteScalarAsync());
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    // Tableau keeps sessions open: whatever the reporting role can lock (every relation it reads, any advisory lock,
    // including the one issue 14's refresh serialised on) must not stop a load's refresh.
    [Fact]
    public async Task A_reporting_session_holding_every_lock_it_can_take_does_not_stop_a_refresh()
    {
        var db = await ReportingDatabase.CreateMigratedAsync(stack, "role_locks");
        await ReportingDatabase.LoadSampleAsync(stack, db);
        await using var reader = await OpenAsReportingRoleAsync(db);
        await ReportingDatabase.ExecuteAsync(reader, "BEGIN");
        await ReportingDatabase.ExecuteAsync(reader,
            "DO $$ DECLARE r record; BEGIN FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname = 'reporting' AND c.relkind IN ('r', 'v') LOOP EXECUTE format('LOCK TABLE reporting.%I IN ACCESS SHARE MODE', r.relname); END LOOP; END $$");
        await ReportingDatabase.ExecuteAsync(reader, "SELECT pg_advisory_lock(hashtext('reporting_internal.refresh_student_metrics'))");

        await using var owner = new NpgsqlConnection(db);
        await owner.OpenAsync();
        await ReportingDatabase.ExecuteAsync(owner, "SET lock_timeout = '5s'; SET statement_timeout = '60s'");
        await ReportingDatabase.ExecuteAsync(owner, "SELECT core.refresh_reporting()");
        await ReportingDatabase.ExecuteAsync(reader, "ROLLBACK");
    }

    // The superuser takes the role's identity, so this works whether or not the role may log in on this cluster.
    private async Task<NpgsqlConnection> OpenAsReportingRoleAsync(string db)
    {
        var admin = new NpgsqlConnectionStringBuilder(stack.AdminConnectionString) { Database = new NpgsqlConnectionStringBuilder(db).Database };
        var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await ReportingDatabase.ExecuteAsync(connection, "SET ROLE student_metrics_reporting");
        return connection;
    }
}
