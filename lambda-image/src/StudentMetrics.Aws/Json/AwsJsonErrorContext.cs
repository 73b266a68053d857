using System.Text.Json.Serialization;

namespace StudentMetrics.Aws.Json;

[JsonSerializable(typeof(AwsErrorResponse))]
internal sealed partial class AwsJsonErrorContext : JsonSerializerContext;
