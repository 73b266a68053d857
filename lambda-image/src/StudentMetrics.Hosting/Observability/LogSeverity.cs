namespace StudentMetrics.Hosting.Observability;

public enum LogSeverity
{
    Debug,
    Info,
    Warn,
    Error,
}
