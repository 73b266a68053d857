using System.Text.Json.Serialization;

namespace StudentMetrics.Functions.Migrate;

[JsonSerializable(typeof(MigrateRequest))]
[JsonSerializable(typeof(MigrateResponse))]
public sealed partial class MigrateJsonContext : JsonSerializerContext;
