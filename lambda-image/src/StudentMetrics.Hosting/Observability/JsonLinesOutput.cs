using System.Buffers;
using System.Text;
using System.Text.Json;

namespace StudentMetrics.Hosting.Observability;

/// <summary>
/// Writes whole JSON objects as single lines to stdout (or any writer). Lambda sends each stdout line to CloudWatch Logs as
/// one event, so a line must never be split or interleaved with another.
/// </summary>
public sealed class JsonLinesOutput(TextWriter output)
{
    private readonly Lock _gate = new();

    public static JsonLinesOutput Console { get; } = new(System.Console.Out);

    public void WriteLine(Action<Utf8JsonWriter> writeObject)
    {
        ArgumentNullException.ThrowIfNull(writeObject);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writeObject(writer);
            writer.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
