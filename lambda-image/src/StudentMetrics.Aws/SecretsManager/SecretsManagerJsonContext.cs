using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.SecretsManager;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GetSecretValueRequest))]
[JsonSerializable(typeof(CreateSecretRequest))]
[JsonSerializable(typeof(PutSecretValueRequest))]
[JsonSerializable(typeof(SecretValue))]
[JsonSerializable(typeof(SecretReference))]
[JsonSerializable(typeof(DatabaseSecret))]
internal sealed partial class SecretsManagerJsonContext : JsonSerializerContext;
