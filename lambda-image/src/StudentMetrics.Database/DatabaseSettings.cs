using Npgsql;

namespace StudentMetrics.Database;

/// <summary>
/// How every entry point (the functions, the command line, the dashboard, the tests) reaches PostgreSQL, read once:
/// <c>STUDENT_METRICS_DB</c>, an Npgsql connection string (a laptop, the tests), or
/// <c>STUDENT_METRICS_DB_SECRET_ARN</c>, a Secrets Manager secret in the RDS shape (AWS). Whether TLS is required is
/// decided here and nowhere else: always for a secret, and whenever the process runs in Lambda.
/// </summary>
public sealed record DatabaseSettings
{
    public const string ConnectionStringVariable = "STUDENT_METRICS_DB";
    public const string SecretArnVariable = "STUDENT_METRICS_DB_SECRET_ARN";

    private DatabaseSettings(string? connectionString, string? secretArn, bool requireTls)
    {
        ConnectionString = connectionString;
        SecretArn = secretArn;
        RequireTls = requireTls;
    }

    /// <summary>An Npgsql connection string, already checked to parse; null when the credentials come from a secret.</summary>
    public string? ConnectionString { get; }

    /// <summary>The Secrets Manager secret holding the credentials; used when there is no connection string.</summary>
    public string? SecretArn { get; }

    /// <summary>The database is reached over a network (AWS): a connection asking for less than encryption is raised to it.</summary>
    public bool RequireTls { get; }

    /// <exception cref="DatabaseSettingsException">Neither setting is present, or the connection string does not parse.</exception>
    public static DatabaseSettings FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <exception cref="DatabaseSettingsException">Neither setting is present, or the connection string does not parse.</exception>
    public static DatabaseSettings FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var secretArn = environment(SecretArnVariable) is { Length: > 0 } arn ? arn : null;
        var inLambda = !string.IsNullOrEmpty(environment("AWS_LAMBDA_FUNCTION_NAME"));
        if (environment(ConnectionStringVariable) is { Length: > 0 } connectionString)
        {
            return new DatabaseSettings(Checked(connectionString, ConnectionStringVariable), null, inLambda || secretArn is not null);
        }

        if (secretArn is not null)
        {
            return new DatabaseSettings(null, secretArn, requireTls: true);
        }

        throw new DatabaseSettingsException(
            $"No database configured: set {ConnectionStringVariable} to an Npgsql connection string " +
            $"(Host=...;Port=5432;Database=student_metrics;Username=...;Password=...) or {SecretArnVariable} to a Secrets Manager secret.");
    }

    /// <summary>Settings for a known connection string: a test's database, a credentials secret already fetched.</summary>
    /// <exception cref="DatabaseSettingsException">The connection string does not parse.</exception>
    public static DatabaseSettings ForConnectionString(string connectionString, bool requireTls = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new DatabaseSettings(Checked(connectionString, "the connection string"), null, requireTls);
    }

    /// <summary>The product's data source for these settings (see <see cref="StudentMetricsDataSource"/>).</summary>
    /// <exception cref="InvalidOperationException">The settings name a secret: fetch it first and use <see cref="ForConnectionString"/>.</exception>
    public NpgsqlDataSource CreateDataSource() =>
        ConnectionString is { } connectionString
            ? StudentMetricsDataSource.Create(connectionString, RequireTls)
            : throw new InvalidOperationException($"The database credentials are in the secret {SecretArn}; fetch them before connecting.");

    // Npgsql's parse errors quote the text they could not read, and with an unquoted ';' in a password that text is
    // the rest of the password. The message says what is wrong and how to fix it, never what the value is.
    private static string Checked(string connectionString, string source)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return connectionString;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new DatabaseSettingsException(
                $"{source} is not a valid Npgsql connection string (Host=...;Port=5432;Database=...;Username=...;Password=...). " +
                "A value holding ';', '=' or a quote must be quoted, e.g. Password='a;b'. The value is not shown because it may hold a password.");
        }
    }
}
