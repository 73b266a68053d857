using System.Text.Json.Serialization;

namespace StudentMetrics.Cleaning.Sources;

/// <summary>Source-generated serialization of the published registry: the clean function reads it in the AOT image.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(SourceRegistry))]
public sealed partial class SourceRegistryJsonContext : JsonSerializerContext;
