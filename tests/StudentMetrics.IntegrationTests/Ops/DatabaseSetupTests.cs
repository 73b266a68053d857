using System.Diagnostics;
using Npgsql;
using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>
/// The database set-up ops/README.md tells an operator to run on RDS (ops/database/*.sql), run here the same way: the
/// local stack runs as-master.sql as an administrator that, like RDS's master user, is not a superuser.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DatabaseSetupTests(LocalStack stack)
{
    [Fact]
    public async Task The_owner_and_its_database_were_made_by_an_administrator_that_is_not_a_superuser()
    {
        await using var master = new NpgsqlConnection(stack.Settings["STUDENT_METRICS_MASTER_DB"]);
        await master.OpenAsync();

        await using var attributes = new NpgsqlCommand("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user", master);
        await using (var reader = await attributes.ExecuteReaderAsync())
        {
            (await reader.ReadAsync()).ShouldBeTrue();
            reader.GetBoolean(0).ShouldBeFalse("RDS's master user is not a superuser");
            reader.GetBoolean(1).ShouldBeTrue();
            reader.GetBoolean(2).ShouldBeTrue();
        }

        await using var owner = new NpgsqlCommand("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'student_metrics'", master);
        (await owner.ExecuteScalarAsync()).ShouldBe("student_metrics_owner");
    }

    [Fact]
    public async Task The_Glue_login_the_owner_creates_after_the_first_migrate_can_log_in_and_load()
    {
        await using var database = await MigratedDatabase.CreateAsync(stack, "setup");
        var password = Guid.NewGuid().ToString("N");
        Psql(database.OwnerConnectionString, "-v", "loader_password=" + password, "-f", Path.Combine(stack.Repository, "ops", "database", "as-owner.sql"));
        try
        {
            var glue = new NpgsqlConnectionStringBuilder(database.OwnerConnectionString) { Username = "student_metrics_glue", Password = password };
            await using var loader = StudentMetricsDataSource.Create(glue.ConnectionString, requireTls: false);

            var result = await new CleanFile(new CleanRow("S1", "2024-2025-S1", "2025-01-10")).LoadAsync(new CleanFileLoader(loader), "raw/setup/first.csv");

            result.Outcome.ShouldBe(LoadOutcome.Loaded);
            (await database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics")).ShouldBe(1);
        }
        finally
        {
            await database.ExecuteAsync("DROP ROLE IF EXISTS student_metrics_glue");
        }
    }

    private void Psql(string connectionString, params string[] args)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path.Combine(stack.PgBinDir, "psql")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-h", connection.Host!, "-p", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", connection.Username!, "-d", connection.Database!, "-v", "ON_ERROR_STOP=1" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGPASSWORD"] = connection.Password;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error.Result);
    }
}
