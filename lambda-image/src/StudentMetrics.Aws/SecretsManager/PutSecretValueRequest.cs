using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.SecretsManager;

internal sealed class PutSecretValueRequest
{
    [JsonPropertyName("SecretId")]
    public required string SecretId { get; init; }

    [JsonPropertyName("SecretString")]
    public required string SecretString { get; init; }
}
