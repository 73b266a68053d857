using System.Globalization;

namespace StudentMetrics.Hosting.Observability;

/// <summary>
/// Structured logs: one JSON object per line with <c>timestamp</c>, <c>level</c>, <c>message</c>, and the request id and
/// function when there is one, in the field names Lambda's own JSON log format uses.
/// </summary>
public sealed class JsonLog(JsonLinesOutput output, TimeProvider time)
{
    public static JsonLog Console { get; } = new(JsonLinesOutput.Console, TimeProvider.System);

    public void Write(LogSeverity severity, string message, string? function, string? requestId, Exception? error, ReadOnlySpan<LogField> fields)
    {
        var copy = fields.ToArray();
        var timestamp = time.GetUtcNow();
        output.WriteLine(writer =>
        {
            writer.WriteString("timestamp", timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("level", severity switch
            {
                LogSeverity.Debug => "DEBUG",
                LogSeverity.Info => "INFO",
                LogSeverity.Warn => "WARN",
                _ => "ERROR",
            });
            writer.WriteString("message", message);
            if (function is not null)
            {
                writer.WriteString("function", function);
            }

            if (requestId is not null)
            {
                writer.WriteString("requestId", requestId);
            }

            foreach (var field in copy)
            {
                field.WriteTo(writer);
            }

            if (error is not null)
            {
                writer.WriteString("errorType", error.GetType().Name);
                writer.WriteString("errorMessage", error.Message);
            }
        });
    }

    public void Info(string message, params ReadOnlySpan<LogField> fields) => Write(LogSeverity.Info, message, null, null, null, fields);

    public void Error(string message, Exception? error, params ReadOnlySpan<LogField> fields) => Write(LogSeverity.Error, message, null, null, error, fields);

    /// <summary>A log whose every line carries this function and request id.</summary>
    public FunctionLog For(string function, string? requestId) => new(this, function, requestId);
}
