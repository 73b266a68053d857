using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.SecretsManager;

/// <summary>
/// Database credentials in the JSON shape RDS and Secrets Manager rotation use:
/// <c>{"username","password","host","port","dbname"}</c>. <see cref="ToString"/> hides the password.
/// </summary>
public sealed class DatabaseSecret
{
    [JsonPropertyName("username")]
    public required string Username { get; init; }

    [JsonPropertyName("password")]
    public required string Password { get; init; }

    [JsonPropertyName("host")]
    public required string Host { get; init; }

    /// <summary>A number in RDS-managed secrets, sometimes a string in hand-made ones: both are read.</summary>
    [JsonPropertyName("port")]
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public int Port { get; init; } = 5432;

    [JsonPropertyName("dbname")]
    public string? DatabaseName { get; init; }

    [JsonPropertyName("engine")]
    public string? Engine { get; init; }

    public override string ToString() => $"DatabaseSecret {{ Host = {Host}, Port = {Port}, Database = {DatabaseName}, Username = {Username}, Password = *** }}";
}
