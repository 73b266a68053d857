using System.Text.Json.Serialization;

namespace StudentMetrics.UnitTests.Hosting;

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class EchoJsonContext : JsonSerializerContext;
