using Npgsql;
using System.Globalization;
using System.Security.Cryptography;
using NpgsqlTypes;
using Sylvan.Data.Csv;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Dashboards;

/// <summary>A fresh database with every migration applied, optionally holding the bundled sample, for the reporting tests.</summary>
internal static class ReportingDatabase
{
    private static readonly string[] Columns =
    [
        "student_id", "school_id", "grade_level", "term", "math_score", "reading_score", "science_score", "gpa",
        "days_enrolled", "days_present", "tardies", "behavior_incidents", "recorded_on",
    ];

    private static readonly HashSet<string> NullTokens = new(["", "NA", "N/A", "#N/A", "null", "none", "-", "--"], StringComparer.OrdinalIgnoreCase);

    public static async Task<string> CreateMigratedAsync(LocalStack stack, string purpose)
    {
        await EnsureReportingRoleAsync(stack);
        var connectionString = await stack.CreateDatabaseAsync(purpose);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var migrations = Directory.GetFiles(Path.Combine(stack.Repository, "db", "migrations"), "*.sql").Order(StringComparer.Ordinal);
        foreach (var migration in migrations)
        {
            await using var command = new NpgsqlCommand(await File.ReadAllTextAsync(migration), connection);
            await command.ExecuteNonQueryAsync();
        }

        return connectionString;
    }

    /// <summary>
    /// Stores the bundled sample's rows with their lineage. Null tokens become NULL; rows the schema cannot store as
    /// they stand (unparseable, out of range, duplicate key) are left out, as the cleaner would have rejected them.
    /// </summary>
    public static async Task<int> LoadSampleAsync(LocalStack stack, string connectionString)
    {
        var samplePath = Path.Combine(stack.Repository, "samples", "student_metrics_sample.csv");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(samplePath)));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"CREATE TEMP TABLE staging ({string.Join(", ", Columns.Select(c => c + " text"))}, source_row integer)");
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY staging ({string.Join(", ", Columns)}, source_row) FROM STDIN (FORMAT binary)"))
        {
            using var csv = CsvDataReader.Create(samplePath);
            var sourceRow = 0;
            while (await csv.ReadAsync())
            {
                await importer.StartRowAsync();
                foreach (var column in Columns)
                {
                    var value = csv.GetString(csv.GetOrdinal(column)).Trim();
                    await importer.WriteAsync(NullTokens.Contains(value) ? null : value, NpgsqlDbType.Text);
                }

                await importer.WriteAsync(++sourceRow, NpgsqlDbType.Integer);
            }

            await importer.CompleteAsync();
        }

        var casts = "r.student_id, r.school_id, r.grade_level::smallint, r.term, r.math_score::numeric, r.reading_score::numeric, " +
                    "r.science_score::numeric, r.gpa::numeric, r.days_enrolled::smallint, r.days_present::smallint, r.tardies::integer, " +
                    "r.behavior_incidents::integer, r.recorded_on::date";
        await ExecuteAsync(connection, $"""
            DO $$
            DECLARE r staging;
            BEGIN
                FOR r IN SELECT * FROM staging ORDER BY source_row LOOP
                    BEGIN
                        INSERT INTO core.student_metrics ({string.Join(", ", Columns)}, source_key, source_sha256, source_row)
                        VALUES ({casts}, 'raw/student_metrics_sample.csv', '{sha256}', r.source_row);
                    EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN NULL;
                    END;
                END LOOP;
            END $$
            """);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM core.student_metrics", connection);
        return Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // The role is cluster-wide and created by the roles migration; a cluster without it yet gets it here so the
    // grants migration can run.
    private static async Task EnsureReportingRoleAsync(LocalStack stack)
    {
        await using var admin = new NpgsqlConnection(stack.AdminConnectionString);
        await admin.OpenAsync();
        await ExecuteAsync(admin, """
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'student_metrics_reporting') THEN
                    CREATE ROLE student_metrics_reporting NOLOGIN;
                END IF;
            END $$
            """);
    }
}
