using System.Diagnostics;
using Npgsql;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Database;
using StudentMetrics.Database.Loading;
using StudentMetrics.IntegrationTests.Dashboards;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// The baseline stands for the versioned history it replaced: a database migrated through that history and then
/// this build ends up the same as one this build migrates from empty, and the reporting views, rewritten as
/// repeatable scripts, return what the history's views returned.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class UpgradeEquivalenceTests(LocalStack stack)
{
    // Roles are cluster-wide: compared inside one cluster they could not differ, so each database gets a cluster.
    [Fact]
    public async Task A_database_upgraded_from_the_history_has_the_schema_roles_grants_and_settings_of_a_fresh_one()
    {
        using var upgraded = new ThrowawayCluster(stack.Repository, "upgraded");
        using var fresh = new ThrowawayCluster(stack.Repository, "fresh");
        await MigrationHistory.ApplyAsync(upgraded.OwnerConnectionString, stack.Repository);

        var upgrade = await MigrateAsync(upgraded.OwnerConnectionString);
        var create = await MigrateAsync(fresh.OwnerConnectionString);

        upgrade.BaselineByEquivalence.ShouldBe("B0043_baseline.sql");
        create.Baseline.ShouldBe("B0043_baseline.sql");
        upgrade.Versioned.ShouldBe(create.Versioned);
        upgrade.Repeatables.ShouldBe(create.Repeatables);
        // Schema, grants, default privileges, the database's own privileges (--create), then the settings rows.
        var schema = await DumpAsync(fresh, "pg_dump", "--schema-only", "--create", "--dbname", "student_metrics");
        schema.ShouldContain("CREATE VIEW reporting.attendance_rate");
        schema.ShouldContain("ALTER DEFAULT PRIVILEGES FOR ROLE student_metrics_owner");
        schema.ShouldContain("GRANT CONNECT ON DATABASE student_metrics TO student_metrics_loader");
        FirstDifference(await DumpAsync(upgraded, "pg_dump", "--schema-only", "--create", "--dbname", "student_metrics"), schema).ShouldBeNull();
        FirstDifference(
            await DumpAsync(upgraded, "pg_dump", "--data-only", "--table", "*.settings", "--dbname", "student_metrics"),
            await DumpAsync(fresh, "pg_dump", "--data-only", "--table", "*.settings", "--dbname", "student_metrics")).ShouldBeNull();
        // Roles: attributes, memberships and role settings (default_transaction_read_only on the reporting role).
        var roles = await DumpAsync(fresh, "pg_dumpall", "--roles-only", "--no-role-passwords");
        roles.ShouldContain("ALTER ROLE student_metrics_reporting SET default_transaction_read_only TO 'on'");
        FirstDifference(await DumpAsync(upgraded, "pg_dumpall", "--roles-only", "--no-role-passwords"), roles).ShouldBeNull();
    }

    [Fact]
    public async Task The_reporting_views_return_for_the_reporting_role_what_the_historys_views_returned()
    {
        var connectionString = await stack.CreateDatabaseAsync("views_kept");
        await MigrationHistory.ApplyAsync(connectionString, stack.Repository);
        (await LoadSampleAsTheHistoryLoadedItAsync(connectionString)).ShouldBeGreaterThan(200);
        await StudentRow.InsertAsync(connectionString, SuppressionCases());
        var before = await ViewsAsync(connectionString);

        await MigrateAsync(connectionString);

        var after = await ViewsAsync(connectionString);
        after.Keys.ShouldBe(before.Keys);
        foreach (var (view, rows) in before)
        {
            after[view].ShouldBe(rows, view);
        }

        before["average_scores"].ShouldContain("complementary");
        before["average_scores"].ShouldContain("(school,science,FEW-SCIENCE,,\"All grades\",2025-2026-S1,t,small_group,,)");
    }

    // The sample cleaned by this build and loaded through the load functions as the history defined them
    // (begin_load(key, sha256), merge_staged(ledger_id, rows)), which this build's loader no longer calls.
    private async Task<long> LoadSampleAsTheHistoryLoadedItAsync(string connectionString)
    {
        using var clean = new MemoryStream();
        var report = new FeedCleaner(new CleanerOptions()).Clean(new LocalRawFile(Path.Combine(stack.Repository, "samples", "student_metrics_sample.csv")), clean, Stream.Null);
        clean.Position = 0;
        var key = "raw/" + report.Source.Key;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var ledgerId = await connection.ScalarAsync<long>($"SELECT ledger_id FROM core.begin_load('{key}', '{report.Source.Sha256}')");
        var staged = await StagingCopy.CopyAsync(connection, FeedContracts.Default, clean, key, report.Source.Sha256, CancellationToken.None);
        (await connection.ScalarAsync<string>($"SELECT outcome FROM core.merge_staged({ledgerId}, {staged})")).ShouldBe("loaded");
        await transaction.CommitAsync();
        return await connection.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics");
    }

    // A second term with every kind of suppression: a small school alone (and the next smallest hidden with it), and a
    // large school where few students have a science score (that one number hidden, the others shown).
    private static IEnumerable<StudentRow> SuppressionCases()
    {
        const string term = "2025-2026-S1";
        return StudentRow.School("SMALL", term, 6, seed: 1)
            .Concat(StudentRow.School("MIDDLE", term, 14, seed: 2))
            .Concat(StudentRow.School("LARGE", term, 40, seed: 3))
            .Concat(StudentRow.School("FEW-SCIENCE", term, 20, seed: 4).Select((row, i) => i < 15 ? row with { ScienceScore = null, DaysPresent = null } : row));
    }

    private static async Task<MigrationResult> MigrateAsync(string ownerConnectionString)
    {
        await using var dataSource = StudentMetricsDataSource.Create(ownerConnectionString, requireTls: false);
        return await new DatabaseMigrator(dataSource).MigrateAsync(dryRun: false, CancellationToken.None);
    }

    // Each reporting view's columns (name, type, collation) and rows, read as the reporting role reads them.
    private async Task<Dictionary<string, string>> ViewsAsync(string ownerConnectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(stack.AdminConnectionString) { Database = new NpgsqlConnectionStringBuilder(ownerConnectionString).Database };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        var views = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.views WHERE table_schema = 'reporting' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                views.Add(reader.GetString(0));
            }
        }

        await connection.ScalarAsync<int>("SET ROLE student_metrics_reporting; SELECT 0");
        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var view in views)
        {
            contents[view] = await connection.ScalarAsync<string>(
                $"""
                SELECT (SELECT string_agg(format('%s %s %s', a.attname, format_type(a.atttypid, a.atttypmod), a.attcollation::regcollation), ', ' ORDER BY a.attnum)
                        FROM pg_attribute a WHERE a.attrelid = 'reporting.{view}'::regclass AND a.attnum > 0)
                       || E'\n' || coalesce((SELECT string_agg(v::text, E'\n' ORDER BY v::text COLLATE "C") FROM reporting.{view} v), '')
                """);
        }

        return contents;
    }

    // Two dumps differ in many lines when one object does: the first differing line is what a reader needs.
    private static string? FirstDifference(string upgraded, string fresh)
    {
        var (a, b) = (upgraded.Split('\n'), fresh.Split('\n'));
        var line = Enumerable.Range(0, Math.Max(a.Length, b.Length)).FirstOrDefault(i => a.ElementAtOrDefault(i) != b.ElementAtOrDefault(i), -1);
        return line < 0 ? null : $"line {line + 1}: upgraded '{a.ElementAtOrDefault(line)}', fresh '{b.ElementAtOrDefault(line)}'";
    }

    // What a pg_dump or pg_dumpall of the cluster prints, without the per-run key of its \restrict lines.
    private static async Task<string> DumpAsync(ThrowawayCluster cluster, string tool, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(cluster.PgBinDir, tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--host", "127.0.0.1", "--port", cluster.Port, "--username", "postgres" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGPASSWORD"] = new NpgsqlConnectionStringBuilder(cluster.AdminConnectionString).Password;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, await error);
        return string.Join('\n', output.Split('\n').Where(line => !line.StartsWith("\\restrict", StringComparison.Ordinal) && !line.StartsWith("\\unrestrict", StringComparison.Ordinal)));
    }
}
