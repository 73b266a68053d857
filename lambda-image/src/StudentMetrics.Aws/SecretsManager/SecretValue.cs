using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.SecretsManager;

/// <summary>A GetSecretValue result. <see cref="ToString"/> never shows the value, so logging the object cannot leak it.</summary>
public sealed class SecretValue
{
    [JsonPropertyName("ARN")]
    public string? Arn { get; init; }

    [JsonPropertyName("Name")]
    public string? Name { get; init; }

    [JsonPropertyName("VersionId")]
    public string? VersionId { get; init; }

    [JsonPropertyName("SecretString")]
    public string? SecretString { get; init; }

    public override string ToString() => $"SecretValue {{ Name = {Name}, VersionId = {VersionId}, SecretString = *** }}";
}
