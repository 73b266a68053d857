using Npgsql;

namespace StudentMetrics.Database.Migrations;

/// <summary>
/// Applies the repeatable scripts, all in one transaction: first it drops every object they define (and the objects
/// of repeatable scripts this build no longer carries), then it runs each script in order and records its text in
/// the journal. Each object is created anew, never replaced, so a script may change a view's columns or a function's
/// signature; and readers see the old objects or the new ones, never a mix. Triggers calling a repeatable function
/// go with it: its script creates them.
/// </summary>
internal static class RepeatableRunner
{
    // Dropping a view waits for the queries reading it, and new readers queue behind the drop: never wait long.
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private const string Dropping = "(dropping the repeatable scripts' objects to re-create them)";

    /// <exception cref="MigrationFailedException">A script failed, or an object could not be dropped; nothing of the run's repeatables was kept.</exception>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, MigrationPlan plan, TextWriter? log, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = Dropping;
        try
        {
            await ExecuteAsync(connection, $"SET LOCAL lock_timeout = {(long)LockTimeout.TotalMilliseconds}", cancellationToken).ConfigureAwait(false);
            var objects = plan.RepeatablesToApply.Select(r => r.ObjectName).Concat(plan.RemovedRepeatables.Select(ObjectOf)).ToArray();
            foreach (var drop in await DropStatementsAsync(connection, objects, cancellationToken).ConfigureAwait(false))
            {
                await ExecuteAsync(connection, drop, cancellationToken).ConfigureAwait(false);
            }

            foreach (var removed in plan.RemovedRepeatables)
            {
                log?.WriteLine($"migrate: info: dropped {ObjectOf(removed)}: {removed} is no longer in this build");
                await MigrationJournal.ForgetAsync(connection, removed, cancellationToken).ConfigureAwait(false);
            }

            foreach (var repeatable in plan.RepeatablesToApply)
            {
                current = repeatable.Script.Name;
                log?.WriteLine($"migrate: info: Executing repeatable script '{current}'");
                await ExecuteAsync(connection, repeatable.Script.Contents, cancellationToken).ConfigureAwait(false);
                await MigrationJournal.RecordRepeatableAsync(connection, repeatable.Script, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new MigrationFailedException(
                current,
                $"waited {LockTimeout.TotalSeconds:0} s for a lock on an object the repeatable scripts re-create; a query reading it, or an open " +
                "transaction that read it, holds one. Nothing of the repeatable scripts changed: run migrate again.",
                e);
        }
        catch (PostgresException e)
        {
            throw new MigrationFailedException(current, e);
        }
    }

    /// <summary>R__core.merge_staged.sql defines core.merge_staged.</summary>
    public static string ObjectOf(string scriptName) => scriptName["R__".Length..^".sql".Length];

    // Dependents first: triggers on the functions, then the views (which may call the functions), then the
    // functions. Each DROP names all its objects at once, so dependencies among them need no order, and none has
    // CASCADE: anything else that depends on them stops the run instead of vanishing with them.
    private static async Task<List<string>> DropStatementsAsync(NpgsqlConnection connection, string[] objects, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH relation AS (
                SELECT c.oid::regclass::text AS name, c.relkind FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname || '.' || c.relname = ANY(string_to_array($1, ' '))
            ), routine AS (
                SELECT p.oid FROM pg_catalog.pg_proc p
                JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname || '.' || p.proname = ANY(string_to_array($1, ' '))
            )
            SELECT 'wrong kind', string_agg(name, ', ') FROM relation WHERE relkind <> 'v' HAVING count(*) > 0
            UNION ALL
            SELECT 'trigger', format('%I ON %s', t.tgname, t.tgrelid::regclass) FROM pg_catalog.pg_trigger t
            WHERE NOT t.tgisinternal AND t.tgfoid IN (SELECT oid FROM routine)
            UNION ALL
            SELECT 'view', string_agg(name, ', ') FROM relation WHERE relkind = 'v' HAVING count(*) > 0
            UNION ALL
            SELECT 'routine', string_agg(oid::regprocedure::text, ', ') FROM routine HAVING count(*) > 0
            """,
            connection);
        // Names are schema.object in lower-case words (MigrationCatalogue checks), so a space separates them safely.
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = string.Join(' ', objects) });
        var found = new List<(string Kind, string Objects)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (found.FirstOrDefault(f => f.Kind == "wrong kind") is { Objects: { } tables })
        {
            throw new MigrationFailedException(
                Dropping,
                $"{tables} is named by a repeatable script but is neither a view nor a function; tables change through versioned scripts.",
                null);
        }

        string[] order = ["trigger", "view", "routine"];
        return [.. found.OrderBy(f => Array.IndexOf(order, f.Kind)).Select(f => $"DROP {f.Kind.ToUpperInvariant()} {f.Objects}")];
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = (int)TimeSpan.FromMinutes(10).TotalSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
