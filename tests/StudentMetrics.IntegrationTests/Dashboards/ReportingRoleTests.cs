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
