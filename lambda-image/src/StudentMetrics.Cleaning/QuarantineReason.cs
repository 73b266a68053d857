using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning;

/// <summary>
/// Why a whole file was set aside: a stable <see cref="Code"/> for machines (alarms, queries), a
/// <see cref="Message"/> a school's data clerk can act on, and the <see cref="Details"/> behind it (what was found,
/// what was expected). Built only by <see cref="QuarantineReasons"/>.
/// </summary>
public sealed record QuarantineReason
{
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }

    [JsonPropertyName("details")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Details { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary><c>code: message</c>, one line for logs and the command line.</summary>
    public override string ToString() => $"{Code}: {Message}";
}
