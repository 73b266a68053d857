using Npgsql;
using StudentMetrics.Aws.SecretsManager;
using StudentMetrics.Database;

namespace StudentMetrics.Functions.Configuration;

/// <summary>
/// Where the functions' database credentials come from: <c>STUDENT_METRICS_DB</c> (an Npgsql connection string: a
/// laptop, the tests), else the Secrets Manager secret named by <c>STUDENT_METRICS_DB_SECRET_ARN</c> (AWS), which is
/// fetched once per process and always used over TLS.
/// </summary>
public sealed class DatabaseConnections(Func<string, string?> environment, Lazy<SecretsManagerClient> secrets)
{
    public const string SecretArnVariable = "STUDENT_METRICS_DB_SECRET_ARN";

    public static DatabaseConnections FromEnvironment() =>
        new(Environment.GetEnvironmentVariable, new Lazy<SecretsManagerClient>(SecretsManagerClient.FromEnvironment));

    /// <exception cref="InvalidOperationException">Neither setting is present.</exception>
    public async Task<NpgsqlDataSource> OpenAsync(CancellationToken cancellationToken)
    {
        if (environment(StudentMetricsDataSource.ConnectionStringVariable) is { Length: > 0 } connectionString)
        {
            return StudentMetricsDataSource.Create(connectionString, requireTls: StudentMetricsDataSource.RunsInAws());
        }

        if (environment(SecretArnVariable) is { Length: > 0 } secretArn)
        {
            var secret = await secrets.Value.GetDatabaseSecretAsync(secretArn, cancellationToken).ConfigureAwait(false);
            return StudentMetricsDataSource.Create(ConnectionString(secret), requireTls: true);
        }

        throw new InvalidOperationException(
            $"No database configured: set {StudentMetricsDataSource.ConnectionStringVariable} (an Npgsql connection string) or {SecretArnVariable} (a Secrets Manager secret).");
    }

    /// <summary>The connection string for credentials in the RDS secret shape.</summary>
    public static string ConnectionString(DatabaseSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new NpgsqlConnectionStringBuilder
        {
            Host = secret.Host,
            Port = secret.Port,
            Database = string.IsNullOrEmpty(secret.DatabaseName) ? "student_metrics" : secret.DatabaseName,
            Username = secret.Username,
            Password = secret.Password,
            SslMode = SslMode.Require,
        }.ConnectionString;
    }
}
