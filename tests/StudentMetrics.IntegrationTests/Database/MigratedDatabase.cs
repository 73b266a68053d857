using Npgsql;
using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// A database with every migration applied, and LOGIN members of the product's roles to connect as. Fresh, it ran
/// the baseline; upgraded, it applied the versioned history the baseline replaces first, as production databases did.
/// </summary>
internal sealed class MigratedDatabase : IAsyncDisposable
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    private MigratedDatabase(string ownerConnectionString)
    {
        OwnerConnectionString = ownerConnectionString;
        Owner = Track(DatabaseSettings.ForConnectionString(ownerConnectionString).CreateDataSource());
    }

    public string OwnerConnectionString { get; }

    public NpgsqlDataSource Owner { get; }

    public string Name => new NpgsqlConnectionStringBuilder(OwnerConnectionString).Database!;

    public static async Task<MigratedDatabase> CreateAsync(LocalStack stack, string purpose, DatabaseOrigin origin = DatabaseOrigin.Fresh)
    {
        var database = new MigratedDatabase(await stack.CreateDatabaseAsync(purpose));
        if (origin == DatabaseOrigin.UpgradedFromHistory)
        {
            await MigrationHistory.ApplyAsync(database.OwnerConnectionString, stack.Repository);
        }

        await new DatabaseMigrator(database.Owner).MigrateAsync(dryRun: false, CancellationToken.None);
        return database;
    }

    /// <summary>Creates a LOGIN role that is a member of <paramref name="groupRole"/>, the way a service or Tableau logs in.</summary>
    public async Task<NpgsqlDataSource> ConnectAsMemberOfAsync(string groupRole, string? applicationName = null)
    {
        var member = $"{groupRole}_{Guid.NewGuid():N}"[..40];
        var password = Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE ROLE {member} LOGIN PASSWORD '{password}' IN ROLE {groupRole}");
        var builder = new NpgsqlConnectionStringBuilder(OwnerConnectionString) { Username = member, Password = password };
        if (applicationName is not null)
        {
            builder.ApplicationName = applicationName;
        }

        return Track(DatabaseSettings.ForConnectionString(builder.ConnectionString).CreateDataSource());
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = Owner.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = Owner.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every stored row, all columns, as text, in key order: a snapshot two states can be compared by.</summary>
    public Task<IReadOnlyList<string>> SnapshotAsync() => TextRowsAsync("SELECT t::text FROM core.student_metrics t ORDER BY student_id, term");

    /// <summary>
    /// Every row of a feed's table of core (student_metrics, student_metrics_displaced), as JSON without its load time,
    /// in key order: what two databases that loaded the same files at different times can be compared by.
    /// </summary>
    public Task<IReadOnlyList<string>> RowsWithoutLoadTimeAsync(string table) =>
        TextRowsAsync($"SELECT (to_jsonb(t) - 'loaded_at')::text FROM core.{table} t ORDER BY student_id, term, source_key");

    /// <summary>Each raw key the stored rows come from (core.current_files), with the version and content loaded for it, in key order.</summary>
    public Task<IReadOnlyList<string>> CurrentFilesAsync() =>
        TextRowsAsync("SELECT concat_ws(' ', source_key, source_version, source_sha256) FROM core.current_files ORDER BY source_key");

    /// <summary>(student_id, term) to the row's source_key, source_sha256, source_row and recorded_on.</summary>
    public async Task<IReadOnlyDictionary<string, StoredRow>> RowsAsync()
    {
        await using var command = Owner.CreateCommand(
            "SELECT student_id, term, source_key, source_sha256, source_row, recorded_on, math_score FROM core.student_metrics");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, StoredRow>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows[$"{reader.GetString(0)}/{reader.GetString(1)}"] = new StoredRow(
                reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetFieldValue<DateOnly>(5),
                reader.IsDBNull(6) ? null : reader.GetDecimal(6));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }

    private async Task<IReadOnlyList<string>> TextRowsAsync(string sql)
    {
        await using var command = Owner.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private NpgsqlDataSource Track(NpgsqlDataSource dataSource)
    {
        _dataSources.Add(dataSource);
        return dataSource;
    }
}
