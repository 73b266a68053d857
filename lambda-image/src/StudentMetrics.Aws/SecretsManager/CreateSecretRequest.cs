using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.SecretsManager;

internal sealed class CreateSecretRequest
{
    [JsonPropertyName("Name")]
    public required string Name { get; init; }

    [JsonPropertyName("SecretString")]
    public required string SecretString { get; init; }
}
