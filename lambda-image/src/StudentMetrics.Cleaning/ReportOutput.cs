using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning;

/// <summary>One object a processing run wrote, as its report lists it.</summary>
public sealed record ReportOutput(
    [property: JsonPropertyName("kind")] OutputKind Kind,
    [property: JsonPropertyName("key")] string Key);
