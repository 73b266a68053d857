using Npgsql;

namespace StudentMetrics.Database;

/// <summary>
/// The one way the product opens PostgreSQL: Npgsql's slim (native-AOT friendly) data source, with TLS available
/// and, when <see cref="DatabaseSettings"/> says so, required. Reached only through <see cref="DatabaseSettings"/>.
/// </summary>
internal static class StudentMetricsDataSource
{
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="requireTls">True for a database reached over a network (AWS): a connection string asking for less than an encrypted connection is raised to <c>SSL Mode=Require</c>.</param>
    public static NpgsqlDataSource Create(string connectionString, bool requireTls)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlSlimDataSourceBuilder(ConnectionStringPolicy.Apply(connectionString, requireTls));
        // A COPY of a large file is one long stream of small rows: a 64 KiB buffer sends it in an eighth of the
        // writes (and wakes the server an eighth as often) as Npgsql's 8 KiB default.
        if (builder.ConnectionStringBuilder.WriteBufferSize < 64 * 1024)
        {
            builder.ConnectionStringBuilder.WriteBufferSize = 64 * 1024;
        }

        // The slim builder leaves TLS out unless asked; without it even "SSL Mode=Require" cannot be honoured.
        builder.EnableTransportSecurity();
        return builder.Build();
    }
}
