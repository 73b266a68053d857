using Npgsql;

namespace StudentMetrics.Database;

/// <summary>
/// The one way the product opens PostgreSQL: Npgsql's slim (native-AOT friendly) data source, with TLS available
/// and, when the database is the one in AWS, required.
/// </summary>
public static class StudentMetricsDataSource
{
    /// <summary>The environment variable holding the Npgsql connection string.</summary>
    public const string ConnectionStringVariable = "STUDENT_METRICS_DB";

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="requireTls">True for a database reached over a network (AWS): a connection string asking for less than an encrypted connection is raised to <c>SSL Mode=Require</c>.</param>
    public static NpgsqlDataSource Create(string connectionString, bool requireTls)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlSlimDataSourceBuilder(ConnectionStringPolicy.Apply(connectionString, requireTls));
        // The slim builder leaves TLS out unless asked; without it even "SSL Mode=Require" cannot be honoured.
        builder.EnableTransportSecurity();
        return builder.Build();
    }

    /// <summary>
    /// From <c>STUDENT_METRICS_DB</c>. TLS is required when the process runs in AWS (a Lambda function, or credentials
    /// configured through <c>STUDENT_METRICS_DB_SECRET_ARN</c>).
    /// </summary>
    public static NpgsqlDataSource FromEnvironment()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException($"{ConnectionStringVariable} is not set; it must hold an Npgsql connection string (Host=...;Database=...;Username=...;Password=...).");
        }

        return Create(connectionString, RunsInAws());
    }

    /// <summary>True when the process is configured for AWS, where the database is only ever reached over TLS.</summary>
    public static bool RunsInAws() =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("STUDENT_METRICS_DB_SECRET_ARN"));
}
