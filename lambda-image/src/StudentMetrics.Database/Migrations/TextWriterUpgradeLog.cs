using System.Globalization;
using DbUp.Engine.Output;

namespace StudentMetrics.Database.Migrations;

/// <summary>DbUp's progress messages, to a writer (stderr for the command line). Trace and debug are dropped.</summary>
internal sealed class TextWriterUpgradeLog(TextWriter? writer) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args)
    {
    }

    public void LogDebug(string format, params object[] args)
    {
    }

    public void LogInformation(string format, params object[] args) => Write("info", format, args);

    public void LogWarning(string format, params object[] args) => Write("warn", format, args);

    public void LogError(string format, params object[] args) => Write("error", format, args);

    public void LogError(Exception ex, string format, params object[] args) => writer?.WriteLine($"migrate: error: {Format(format, args)} {ex.Message}");

    private void Write(string level, string format, object[] args) => writer?.WriteLine($"migrate: {level}: {Format(format, args)}");

    private static string Format(string format, object[] args) =>
        args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
}
