using Npgsql;
using StudentMetrics.Cleaning;
using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Dashboards;

/// <summary>A fresh database migrated by the product's migrator, optionally holding the bundled sample, for the reporting tests.</summary>
internal static class ReportingDatabase
{
    public static async Task<string> CreateMigratedAsync(LocalStack stack, string purpose)
    {
        var connectionString = await stack.CreateDatabaseAsync(purpose);
        await using var dataSource = DatabaseSettings.ForConnectionString(connectionString).CreateDataSource();
        await new DatabaseMigrator(dataSource).MigrateAsync(dryRun: false, CancellationToken.None);
        return connectionString;
    }

    /// <summary>The bundled sample, cleaned by the product's cleaner and stored by its loader (as `make run` does).</summary>
    public static async Task<int> LoadSampleAsync(LocalStack stack, string connectionString)
    {
        var samplePath = Path.Combine(stack.Repository, "samples", "student_metrics_sample.csv");
        using var clean = new MemoryStream();
        var report = new FeedCleaner(new CleanerOptions()).Clean(new LocalRawFile(samplePath), clean, Stream.Null);
        report.Status.ShouldBe(FileStatus.Cleaned);
        clean.Position = 0;
        await using var dataSource = DatabaseSettings.ForConnectionString(connectionString).CreateDataSource();
        await new CleanFileLoader(dataSource).LoadAsync(clean, new LoadSource("raw/" + report.Source.Key, report.Source.Sha256), CancellationToken.None);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM core.student_metrics", connection);
        return Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Refreshes the reporting snapshot as the loaders do after a load (as the owner).</summary>
    public static async Task RefreshAsync(string connectionString, bool complementary = true)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT reporting_internal.refresh_student_metrics(p_complementary => $1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = complementary });
        await command.ExecuteNonQueryAsync();
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
