using System.Text.Json;
using StudentMetrics.Hosting.Observability;

namespace StudentMetrics.UnitTests.Hosting;

/// <summary>Log and metric lines written to memory, parsed back for assertions.</summary>
internal sealed class RecordingOutput
{
    private readonly StringWriter _writer = new();

    public RecordingOutput(TimeProvider? time = null)
    {
        var output = new JsonLinesOutput(_writer);
        Log = new JsonLog(output, time ?? TimeProvider.System);
        Metrics = new EmbeddedMetrics(output, time ?? TimeProvider.System, EmbeddedMetrics.DefaultNamespace);
    }

    public JsonLog Log { get; }

    public EmbeddedMetrics Metrics { get; }

    public IReadOnlyList<string> RawLines => _writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyList<JsonElement> Lines => RawLines.Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public IReadOnlyList<string> Messages => Lines.Where(l => l.TryGetProperty("message", out _)).Select(l => l.GetProperty("message").GetString()!).ToList();
}
