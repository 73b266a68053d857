using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Lambda;

[JsonSerializable(typeof(LambdaError))]
public sealed partial class LambdaRuntimeJsonContext : JsonSerializerContext;
