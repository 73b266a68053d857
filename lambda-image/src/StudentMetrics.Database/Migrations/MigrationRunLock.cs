using System.Globalization;
using Npgsql;

namespace StudentMetrics.Database.Migrations;

/// <summary>
/// Serialises migrate runs on one database: a transaction that stays open for the whole run holds a lock on
/// <c>public.schema_migrations_lock</c>, an empty table only the owner has privileges on. An advisory lock would not
/// do: any role that can connect may take one, and a reporting session holding it froze every deploy.
/// If the process dies the server ends the transaction, and the lock with it.
/// </summary>
internal sealed class MigrationRunLock : IAsyncDisposable
{
    public const string Table = "public.schema_migrations_lock";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private MigrationRunLock(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <exception cref="MigrationLockTimeoutException">Another run held the lock for longer than <paramref name="timeout"/>.</exception>
    public static async Task<MigrationRunLock> AcquireAsync(NpgsqlDataSource dataSource, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await CreateTableAsync(connection, cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var milliseconds = ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            try
            {
                // The transaction idles while the scripts run on other connections: a server-wide idle timeout must not end it.
                await ExecuteAsync(connection, $"SET LOCAL idle_in_transaction_session_timeout = 0; SET LOCAL lock_timeout = {milliseconds}", cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, $"LOCK TABLE {Table} IN EXCLUSIVE MODE", cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                throw new MigrationLockTimeoutException(timeout, await HoldersAsync(connection).ConfigureAwait(false));
            }

            return new MigrationRunLock(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    // Two first runs at once may both create it; the loser's error (on the table, or on its row type) means the table is there, which is all it needs.
    private static async Task CreateTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {Table} ()", cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject)
        {
        }
    }

    private static async Task<string> HoldersAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT string_agg(format('pid %s (user %s, application %L, in a transaction since %s)',
                                     a.pid, a.usename, a.application_name, coalesce(a.xact_start::text, 'unknown')), '; ')
            FROM pg_catalog.pg_locks l
            JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'relation' AND l.relation = '{Table}'::regclass AND l.granted
            """,
            connection);
        return await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false) as string ?? "the holder has just finished";
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
