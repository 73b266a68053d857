using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.SecretsManager;

internal sealed class GetSecretValueRequest
{
    [JsonPropertyName("SecretId")]
    public required string SecretId { get; init; }
}
