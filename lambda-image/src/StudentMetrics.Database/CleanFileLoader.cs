using System.Diagnostics;
using Npgsql;
using StudentMetrics.Database.Loading;

namespace StudentMetrics.Database;

/// <summary>
/// Loads a cleaned file exactly once: a ledger entry, a binary COPY into core.student_metrics_staging, the merge
/// (core.merge_staged) and the refresh of the reporting snapshot (core.refresh_reporting), all but the ledger entry in
/// one transaction. A load that fails or is killed leaves no rows and a ledger entry that is not 'loaded'; running it
/// again loads the file once.
/// </summary>
/// <param name="dataSource">Connects as a member of student_metrics_loader (or the owner), never a superuser.</param>
public sealed class CleanFileLoader(NpgsqlDataSource dataSource)
{
    /// <param name="cleanCsv">A cleaned file (the feed spec's "What a cleaned file holds"); read once, streaming.</param>
    /// <param name="source">The raw object the file came from and its content hash: the lineage stored on every row.</param>
    /// <exception cref="InvalidDataException">The stream is not a cleaned file; nothing was loaded.</exception>
    public Task<LoadResult> LoadAsync(Stream cleanCsv, LoadSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cleanCsv);
        return LoadAsync(source, (connection, sha256, token) => StagingCopy.CopyAsync(connection, source.Contract, cleanCsv, source.ObjectKey, sha256, token), cancellationToken);
    }

    /// <summary>
    /// Loads a version of a raw key that holds no rows (it was quarantined): it becomes the key's current version like
    /// any other, so the rows the key's earlier version contributed are withdrawn and the rows they had displaced come
    /// back (the feed spec: what a raw key holds now is what is loaded for it).
    /// </summary>
    public Task<LoadResult> LoadEmptyAsync(LoadSource source, CancellationToken cancellationToken) =>
        LoadAsync(source, DeclareEmptyAsync, cancellationToken);

    // merge_staged refuses a version with no staged rows unless the transaction names its content as holding none.
    private static async Task<long> DeclareEmptyAsync(NpgsqlConnection connection, string sha256, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT set_config('student_metrics.holds_no_rows', $1, true)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private async Task<LoadResult> LoadAsync(LoadSource source, Func<NpgsqlConnection, string, CancellationToken, Task<long>> stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(source.ObjectKey);
        var sha256 = ContentHash.Normalise(source.ContentSha256);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        SuperuserGuard.ThrowIfSuperuser(connection);
        var (ledgerId, alreadyLoaded) = await BeginAsync(connection, source, sha256, cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // Content loaded before is not read at all; the merge still decides (under its lock) and records the skip.
            var started = Stopwatch.GetTimestamp();
            var staged = alreadyLoaded ? 0 : await stage(connection, sha256, cancellationToken).ConfigureAwait(false);
            var copied = Stopwatch.GetTimestamp();
            var result = await MergeAsync(connection, ledgerId, staged, cancellationToken).ConfigureAwait(false);
            var merged = Stopwatch.GetTimestamp();
            if (result.Outcome == LoadOutcome.Loaded)
            {
                await RefreshReportingAsync(connection, ledgerId, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result with
            {
                StagingTime = Stopwatch.GetElapsedTime(started, copied),
                MergeTime = Stopwatch.GetElapsedTime(copied, merged),
                RefreshTime = Stopwatch.GetElapsedTime(merged),
            };
        }
        catch (Exception e)
        {
            await RecordFailureAsync(ledgerId, e).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<(long LedgerId, bool AlreadyLoaded)> BeginAsync(NpgsqlConnection connection, LoadSource source, string sha256, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT ledger_id, already_loaded FROM core.begin_load($1, $2, $3, $4, $5, $6, $7)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source.ObjectKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source.Contract.Dataset });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)source.Version ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)source.UploadedAt?.UtcDateTime ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)source.Sequencer ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)source.VersionOrdinal ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetBoolean(1));
    }

    private static async Task<LoadResult> MergeAsync(NpgsqlConnection connection, long ledgerId, long staged, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT outcome, rows_in_file, rows_inserted, rows_replaced, rows_removed, rows_kept_newer, rows_restored FROM core.merge_staged($1, $2)",
            connection)
        {
            // A merge of millions of rows outlasts Npgsql's 30 s default; cancellation still stops it.
            CommandTimeout = 0,
        };
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ledgerId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = staged });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var outcome = reader.GetString(0) switch
        {
            "loaded" => LoadOutcome.Loaded,
            "skipped_duplicate" => LoadOutcome.SkippedAlreadyLoaded,
            "skipped_stale" => LoadOutcome.SkippedStale,
            var other => throw new InvalidOperationException($"core.merge_staged returned an unknown outcome '{other}'."),
        };
        return new LoadResult(outcome, ledgerId, reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5))
        {
            Restored = reader.GetInt64(6),
        };
    }

    // In the merge's transaction: readers see the new rows and the snapshot that publishes them together, or neither.
    private static async Task RefreshReportingAsync(NpgsqlConnection connection, long ledgerId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT core.refresh_reporting(ARRAY[$1])", connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ledgerId });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // On a fresh connection: the load's own may be the one that was killed. Best effort, because the ledger entry
    // already says 'loading', never 'loaded', and the original error is what the caller needs to see.
    private async Task RecordFailureAsync(long ledgerId, Exception error)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT core.fail_load($1, $2)", connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ledgerId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{error.GetType().Name}: {error.Message}" });
            await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
        }
    }
}
