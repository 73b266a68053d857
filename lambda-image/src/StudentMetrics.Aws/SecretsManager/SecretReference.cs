using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.SecretsManager;

/// <summary>A secret's identity, as CreateSecret and PutSecretValue return it (and GetSecretValue, with the value).</summary>
public class SecretReference
{
    [JsonPropertyName("ARN")]
    public string? Arn { get; init; }

    [JsonPropertyName("Name")]
    public string? Name { get; init; }

    [JsonPropertyName("VersionId")]
    public string? VersionId { get; init; }
}
