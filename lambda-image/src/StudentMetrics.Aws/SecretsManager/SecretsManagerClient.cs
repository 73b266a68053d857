using System.Collections.Concurrent;
using System.Text.Json;
using StudentMetrics.Aws.Json;

namespace StudentMetrics.Aws.SecretsManager;

/// <summary>
/// Secrets Manager over its JSON protocol. Database secrets are fetched once and kept for the life of the process: a
/// Lambda environment serves many invocations, and each fetch costs a call and money.
/// </summary>
public sealed class SecretsManagerClient : IDisposable
{
    private readonly AwsJsonClient _client;
    private readonly ConcurrentDictionary<string, Lazy<Task<DatabaseSecret>>> _databaseSecrets = new(StringComparer.Ordinal);

    public SecretsManagerClient(AwsSettings settings, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _client = new AwsJsonClient(settings, settings.EndpointFor("SECRETS_MANAGER", "secretsmanager"), "secretsmanager", "secretsmanager", "1.1", handler);
    }

    public Task<SecretValue> GetSecretValueAsync(string secretId, CancellationToken cancellationToken) =>
        _client.CallAsync(
            "GetSecretValue",
            new GetSecretValueRequest { SecretId = secretId },
            SecretsManagerJsonContext.Default.GetSecretValueRequest,
            SecretsManagerJsonContext.Default.SecretValue,
            cancellationToken);

    public Task<SecretReference> CreateSecretAsync(string name, string secretString, CancellationToken cancellationToken) =>
        _client.CallAsync(
            "CreateSecret",
            new CreateSecretRequest { Name = name, SecretString = secretString },
            SecretsManagerJsonContext.Default.CreateSecretRequest,
            SecretsManagerJsonContext.Default.SecretReference,
            cancellationToken);

    /// <summary>Stores a new version of a secret (rotation does this; the cached value stays until the process ends).</summary>
    public Task<SecretReference> PutSecretValueAsync(string secretId, string secretString, CancellationToken cancellationToken) =>
        _client.CallAsync(
            "PutSecretValue",
            new PutSecretValueRequest { SecretId = secretId, SecretString = secretString },
            SecretsManagerJsonContext.Default.PutSecretValueRequest,
            SecretsManagerJsonContext.Default.SecretReference,
            cancellationToken);

    /// <summary>The database credentials in a secret, fetched on first use and then served from memory.</summary>
    public async Task<DatabaseSecret> GetDatabaseSecretAsync(string secretId, CancellationToken cancellationToken)
    {
        var entry = _databaseSecrets.GetOrAdd(secretId, id => new Lazy<Task<DatabaseSecret>>(() => FetchDatabaseSecretAsync(id, cancellationToken)));
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed fetch is not cached: the next invocation asks again.
            _databaseSecrets.TryRemove(new KeyValuePair<string, Lazy<Task<DatabaseSecret>>>(secretId, entry));
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    /// <exception cref="FormatException">The secret is not in the database-credentials shape. The message never quotes the secret.</exception>
    public static DatabaseSecret ParseDatabaseSecret(string secretString)
    {
        try
        {
            return JsonSerializer.Deserialize(secretString, SecretsManagerJsonContext.Default.DatabaseSecret)
                ?? throw new FormatException("The database secret is empty.");
        }
        catch (JsonException)
        {
            throw new FormatException("The database secret is not JSON with username, password, host, port and dbname.");
        }
    }

    private async Task<DatabaseSecret> FetchDatabaseSecretAsync(string secretId, CancellationToken cancellationToken)
    {
        var value = await GetSecretValueAsync(secretId, cancellationToken).ConfigureAwait(false);
        return ParseDatabaseSecret(value.SecretString ?? throw new FormatException($"The secret {secretId} holds no SecretString."));
    }
}
