using System.Data;
using DbUp.Engine;
using Npgsql;

namespace StudentMetrics.Database.Migrations;

/// <summary>
/// The journal table, <c>public.schema_migrations</c>: one row per applied script with its SHA-256. DbUp's own
/// journal records names only; this one is written by DbUp inside each script's transaction, so a script and its
/// journal row commit (or roll back) together.
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
            )
            """,
            connection);
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

    // DbUp asks which scripts ran; the answer was read under the advisory lock, so it cannot change during the run.
    public string[] GetExecutedScripts() => [.. applied.Keys];

    public void StoreExecutedScript(SqlScript script, Func<IDbCommand> dbCommandFactory)
    {
        using var command = dbCommandFactory();
        command.CommandText = $"INSERT INTO {Table} (script_name, checksum_sha256) VALUES (@name, @checksum)";
        AddParameter(command, "name", script.Name);
        AddParameter(command, "checksum", ScriptChecksum.Compute(script.Contents));
        command.ExecuteNonQuery();
    }

    // The table is created under the advisory lock before DbUp starts.
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
