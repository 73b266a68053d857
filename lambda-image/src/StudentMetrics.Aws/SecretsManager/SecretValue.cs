using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.SecretsManager;

/// <summary>A GetSecretValue result. <see cref="ToString"/> never shows the value, so logging the object cannot leak it.</summary>
public sealed class SecretValue : SecretReference
{
    [JsonPropertyName("SecretString")]
    public string? SecretString { get; init; }

    public override string ToString() => $"SecretValue {{ Name = {Name}, VersionId = {VersionId}, SecretString = *** }}";
}
