using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning;

/// <summary>Source-generated serialization: the report is written from the AOT image, where reflection is not available.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CleaningReport))]
public sealed partial class CleaningReportJsonContext : JsonSerializerContext;
