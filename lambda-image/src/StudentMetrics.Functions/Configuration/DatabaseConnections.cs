using Npgsql;
using StudentMetrics.Aws;
using StudentMetrics.Aws.SecretsManager;
using StudentMetrics.Database;

namespace StudentMetrics.Functions.Configuration;

/// <summary>
/// Opens the product database for <see cref="DatabaseSettings"/>: the connection string as it is, or the credentials
/// in the Secrets Manager secret (AWS), fetched once per process.
/// </summary>
public sealed class DatabaseConnections(DatabaseSettings settings, Lazy<SecretsManagerClient> secrets)
{
    public DatabaseSettings Settings => settings;

    /// <summary>The settings of this process's environment; the secret, if any, is fetched with <see cref="AwsSettings"/>.</summary>
    /// <exception cref="DatabaseSettingsException">The database settings are missing or malformed.</exception>
    public static DatabaseConnections FromEnvironment() =>
        new(DatabaseSettings.FromEnvironment(), new Lazy<SecretsManagerClient>(() => new SecretsManagerClient(AwsSettings.FromEnvironment())));

    public async Task<NpgsqlDataSource> OpenAsync(CancellationToken cancellationToken)
    {
        if (settings.ConnectionString is not null)
        {
            return settings.CreateDataSource();
        }

        var secret = await secrets.Value.GetDatabaseSecretAsync(settings.SecretArn!, cancellationToken).ConfigureAwait(false);
        return DatabaseSettings.ForConnectionString(ConnectionString(secret), requireTls: true).CreateDataSource();
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
