using System.Data;
using DbUp.Engine;
using Npgsql;

namespace StudentMetrics.Database.Migrations;

/// <summary>
/// The journal table, <c>public.schema_migrations</c>: one row per applied script with its SHA-256 (for a repeatable
/// script, the text last applied). DbUp's own journal records names only; this one is written inside each script's
/// transaction, so a script and its journal row commit (or roll back) together.
/// </summary>
internal sealed class MigrationJournal(IReadOnlyDictionary<string, string> applied) : IJournal
{
    public const string Table = "public.schema_migrations";

    public static async Task EnsureTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            CREATE TABLE IF NOT EXISTS {Table} (
                script_name     text        PRIMARY KEY,
                checksum_sha256 text        NOT NULL CHECK (checksum_sha256 ~ '^[0-9a-f]{"{64}"}$'),
                applied_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
                applied_by      text        NOT NULL DEFAULT current_user
            );
            -- A baseline recorded without running it, because the database had applied every script it replaces.
            ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS applied_by_equivalence boolean NOT NULL DEFAULT false;
            """,
            connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task RecordByEquivalenceAsync(NpgsqlConnection connection, MigrationScript baseline, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {Table} (script_name, checksum_sha256, applied_by_equivalence) VALUES ($1, $2, true)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = baseline.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = baseline.Checksum });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a repeatable script as applied with its current text, in the caller's transaction.</summary>
    public static async Task RecordRepeatableAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {Table} AS j (script_name, checksum_sha256) VALUES ($1, $2)
            ON CONFLICT (script_name) DO UPDATE
            SET checksum_sha256 = excluded.checksum_sha256, applied_at = clock_timestamp(), applied_by = current_user
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Checksum });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a repeatable script the build no longer carries, in the caller's transaction.</summary>
    public static async Task ForgetAsync(NpgsqlConnection connection, string scriptName, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"DELETE FROM {Table} WHERE script_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scriptName });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <returns>Script name to recorded checksum; empty when the database was never migrated.</returns>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var exists = new NpgsqlCommand($"SELECT to_regclass('{Table}') IS NOT NULL", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return applied;
            }
        }

        await using var command = new NpgsqlCommand($"SELECT script_name, checksum_sha256 FROM {Table}", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            applied[reader.GetString(0)] = reader.GetString(1);
        }

        return applied;
    }

    // DbUp asks which scripts ran; the answer was read under the run lock, so it cannot change during the run.
    public string[] GetExecutedScripts() => [.. applied.Keys];

    public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory)
    {
        using var command = dbCommandFactory();
        command.CommandText = $"INSERT INTO {Table} (script_name, checksum_sha256) VALUES (@name, @checksum)";
        AddParameter(command, "name", script.Name);
        AddParameter(command, "checksum", ScriptChecksum.Compute(script.Contents));
        command.ExecuteNonQuery();
    }

    // The table is created under the run lock before DbUp starts.
    public void EnsureTableExistsAndIsLatestVersion(Func<IDbCommand> dbCommandFactory)
    {
    }

    private static void AddParameter(IDbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = DbType.String;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
