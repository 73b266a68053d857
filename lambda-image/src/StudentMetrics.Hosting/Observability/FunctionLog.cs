namespace StudentMetrics.Hosting.Observability;

/// <summary>The log a function writes during one invocation: every line carries the function name and the request id.</summary>
public sealed class FunctionLog(JsonLog log, string function, string? requestId)
{
    public string Function => function;

    public string? RequestId => requestId;

    public void Info(string message, params ReadOnlySpan<LogField> fields) => log.Write(LogSeverity.Info, message, function, requestId, null, fields);

    public void Warn(string message, params ReadOnlySpan<LogField> fields) => log.Write(LogSeverity.Warn, message, function, requestId, null, fields);

    public void Error(string message, Exception? error, params ReadOnlySpan<LogField> fields) => log.Write(LogSeverity.Error, message, function, requestId, error, fields);
}
