using System.Security.Cryptography;
using Npgsql;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// Migrates a database as the builds before the baseline did, with the versioned scripts they carried
/// (tests/fixtures/migration-history): the same journal table, one transaction per script with its journal row,
/// the SHA-256 of each file. What production databases look like before their first run of a build with the baseline.
/// </summary>
internal static class MigrationHistory
{
    // The journal exactly as those builds created it.
    private const string Journal = """
        CREATE TABLE IF NOT EXISTS public.schema_migrations (
            script_name     text        PRIMARY KEY,
            checksum_sha256 text        NOT NULL CHECK (checksum_sha256 ~ '^[0-9a-f]{64}$'),
            applied_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
            applied_by      text        NOT NULL DEFAULT current_user
        )
        """;

    public static IReadOnlyList<string> Files(string repository) =>
        Directory.GetFiles(Path.Combine(repository, "tests", "fixtures", "migration-history"), "*.sql").Order(StringComparer.Ordinal).ToList();

    /// <param name="upTo">Apply the scripts up to this one only (a database migrated by an older build still).</param>
    public static async Task ApplyAsync(string ownerConnectionString, string repository, string? upTo = null)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using (var journal = new NpgsqlCommand(Journal, connection))
        {
            await journal.ExecuteNonQueryAsync();
        }

        foreach (var file in Files(repository).TakeWhile(f => upTo is null || string.CompareOrdinal(Path.GetFileName(f), upTo) <= 0))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using (var script = new NpgsqlCommand(await File.ReadAllTextAsync(file), connection, transaction))
            {
                await script.ExecuteNonQueryAsync();
            }

            await using (var record = new NpgsqlCommand("INSERT INTO public.schema_migrations (script_name, checksum_sha256) VALUES ($1, $2)", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Path.GetFileName(file) });
                record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))) });
                await record.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }
}
