using Npgsql;
using StudentMetrics.Database.Loading;

namespace StudentMetrics.Database;

/// <summary>
/// Puts a file the cleaner quarantined on record in the ledger (status 'quarantined', with the reason), so that an
/// attempt that never loads is visible where loads are: nothing of the file reaches core.student_metrics.
/// </summary>
public sealed class QuarantineRecorder(NpgsqlDataSource dataSource)
{
    /// <param name="schoolIds">The schools the file held, as far as the cleaner could tell (may be empty).</param>
    /// <returns>The ledger entry.</returns>
    public async Task<long> RecordAsync(LoadSource source, string reason, IReadOnlyList<string> schoolIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(schoolIds);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        SuperuserGuard.ThrowIfSuperuser(connection);
        // One text, split in SQL: the slim data source the product uses has no array support, and needs none elsewhere.
        await using var command = new NpgsqlCommand("SELECT core.record_quarantine($1, $2, $3, string_to_array($4, E'\\n'), $5)", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source.ObjectKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ContentHash.Normalise(source.ContentSha256) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = reason });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = string.Join('\n', schoolIds.Select(s => s.ReplaceLineEndings(" "))) });
        // The feed it was cleaned as: freshness per school reports the student_metrics feed's attempts only.
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = source.Contract.Dataset });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
