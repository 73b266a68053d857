using Npgsql;
using StudentMetrics.Cleaning.Sources;

namespace StudentMetrics.Database.Sources;

/// <summary>
/// The source registry in the database (core.sources, core.source_schools; migration 0048): read whole, as the
/// cleaner is given it, and changed one transaction per command. Every change is audited by trigger in
/// core.source_changes, with the actor and reason this class sets on the transaction.
/// </summary>
/// <param name="dataSource">Connects as the owner (student_metrics_owner): no other role may change the registry.</param>
public sealed class SourceRegistryStore(NpgsqlDataSource dataSource)
{
    public async Task<SourceRegistry> ReadAsync(TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var revision = await ScalarAsync<long>(connection, "SELECT coalesce(max(change_id), 0) FROM core.source_changes", cancellationToken).ConfigureAwait(false);
        var sources = new List<RegisteredSource>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT s.prefix, s.description,
                   (SELECT coalesce(max(c.change_id), 0) FROM core.source_changes c WHERE c.prefix = s.prefix),
                   coalesce((SELECT string_agg(school_id, ',' ORDER BY school_id) FROM core.source_schools k WHERE k.prefix = s.prefix), '')
            FROM core.sources s
            ORDER BY s.prefix
            """,
            connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sources.Add(new RegisteredSource
                {
                    Prefix = reader.GetString(0),
                    Description = reader.GetString(1),
                    Revision = reader.GetInt64(2),
                    Schools = reader.GetString(3).Split(',', StringSplitOptions.RemoveEmptyEntries),
                });
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new SourceRegistry { Revision = revision, PublishedAt = clock.GetUtcNow(), Sources = sources };
    }

    /// <summary>The audit, newest first.</summary>
    /// <param name="prefix">Only this source's changes; null for all.</param>
    public async Task<IReadOnlyList<SourceChange>> HistoryAsync(string? prefix, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT change_id, changed_at, changed_by, database_role, action, prefix, school_id, detail, reason
            FROM core.source_changes
            WHERE $1::text IS NULL OR prefix = $1
            ORDER BY change_id DESC
            LIMIT $2
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = prefix, DataTypeName = "text" });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var changes = new List<SourceChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            changes.Add(new SourceChange(
                reader.GetInt64(0),
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return changes;
    }

    /// <summary>Registers a new source with the schools it may send.</summary>
    /// <exception cref="SourceRegistryException">It is registered already.</exception>
    public Task<int> AddAsync(string prefix, string description, IReadOnlyCollection<string> schools, RegistryActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(actor, async connection =>
        {
            if (await InsertSourceAsync(connection, prefix, description, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new SourceRegistryException($"{prefix} is registered already: 'permit' adds schools to it, 'describe' changes its description");
            }

            return 1 + await PermitAllAsync(connection, prefix, schools, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Registers the source if it is not, and permits whichever of the schools it may not send yet: changes (and audits) only what is missing.</summary>
    public Task<int> EnsureAsync(string prefix, string description, IReadOnlyCollection<string> schools, RegistryActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(actor, async connection =>
            await InsertSourceAsync(connection, prefix, description, cancellationToken).ConfigureAwait(false)
            + await PermitAllAsync(connection, prefix, schools, cancellationToken).ConfigureAwait(false),
            cancellationToken);

    /// <exception cref="SourceRegistryException">The source is not registered.</exception>
    public Task<int> PermitAsync(string prefix, IReadOnlyCollection<string> schools, RegistryActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(actor, async connection =>
        {
            await RequireAsync(connection, prefix, cancellationToken).ConfigureAwait(false);
            return await PermitAllAsync(connection, prefix, schools, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <exception cref="SourceRegistryException">The source is not registered.</exception>
    public Task<int> WithdrawAsync(string prefix, IReadOnlyCollection<string> schools, RegistryActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(actor, async connection =>
        {
            await RequireAsync(connection, prefix, cancellationToken).ConfigureAwait(false);
            var removed = 0;
            foreach (var school in schools)
            {
                removed += await ExecuteAsync(connection, "DELETE FROM core.source_schools WHERE prefix = $1 AND school_id = $2", cancellationToken, prefix, school).ConfigureAwait(false);
            }

            return removed;
        }, cancellationToken);

    /// <exception cref="SourceRegistryException">The source is not registered.</exception>
    public Task<int> DescribeAsync(string prefix, string description, RegistryActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(actor, async connection =>
        {
            await RequireAsync(connection, prefix, cancellationToken).ConfigureAwait(false);
            return await ExecuteAsync(connection, "UPDATE core.sources SET description = $2 WHERE prefix = $1 AND description IS DISTINCT FROM $2", cancellationToken, prefix, description).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Removes the source and every school it could send (its files are set aside from then on).</summary>
    /// <exception cref="SourceRegistryException">The source is not registered.</exception>
    public Task<int> RemoveAsync(string prefix, RegistryActor actor, CancellationToken cancellationToken) =>
        ChangeAsync(actor, async connection =>
        {
            await RequireAsync(connection, prefix, cancellationToken).ConfigureAwait(false);
            return await ExecuteAsync(connection, "DELETE FROM core.sources WHERE prefix = $1", cancellationToken, prefix).ConfigureAwait(false);
        }, cancellationToken);

    private async Task<int> ChangeAsync(RegistryActor actor, Func<NpgsqlConnection, Task<int>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        SuperuserGuard.ThrowIfSuperuser(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Read by the audit trigger (core.audit_source_change), for this transaction only.
        await ExecuteAsync(
            connection,
            "SELECT set_config('student_metrics.actor', $1, true), set_config('student_metrics.change_reason', $2, true)",
            cancellationToken,
            actor.Name,
            actor.Reason ?? "").ConfigureAwait(false);
        try
        {
            var changed = await change(connection).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return changed;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            throw new SourceRegistryException($"refused by the registry's rules ({e.ConstraintName}): a source is one folder name, a school id 1-20 of A-Z 0-9 - _", e);
        }
    }

    private static Task<int> InsertSourceAsync(NpgsqlConnection connection, string prefix, string description, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "INSERT INTO core.sources (prefix, description) VALUES ($1, $2) ON CONFLICT (prefix) DO NOTHING", cancellationToken, prefix, description);

    private static async Task<int> PermitAllAsync(NpgsqlConnection connection, string prefix, IReadOnlyCollection<string> schools, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var school in schools)
        {
            added += await ExecuteAsync(connection, "INSERT INTO core.source_schools (prefix, school_id) VALUES ($1, $2) ON CONFLICT DO NOTHING", cancellationToken, prefix, school).ConfigureAwait(false);
        }

        return added;
    }

    private static async Task RequireAsync(NpgsqlConnection connection, string prefix, CancellationToken cancellationToken)
    {
        if (await ScalarAsync<long>(connection, "SELECT count(*) FROM core.sources WHERE prefix = $1", cancellationToken, prefix).ConfigureAwait(false) == 0)
        {
            throw new SourceRegistryException($"{prefix} is not a registered source ('sources list' shows them; 'sources add' registers one)");
        }
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params string[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) switch
        {
            // SELECT set_config(...) answers -1 rows affected.
            < 0 => 0,
            var n => n,
        };
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params string[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return (T)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        }

        return command;
    }
}
