using System.Text.Json.Serialization;

namespace StudentMetrics.Hosting.Events;

/// <summary>Source-generated (de)serialization of the events: the AOT image has no reflection-based serializer.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(S3Event))]
[JsonSerializable(typeof(S3TestEvent))]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
public sealed partial class LambdaEventJsonContext : JsonSerializerContext;
