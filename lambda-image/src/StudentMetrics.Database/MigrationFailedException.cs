namespace StudentMetrics.Database;

/// <summary>A migration script failed; its transaction was rolled back, so nothing of it is applied.</summary>
public sealed class MigrationFailedException : Exception
{
    public MigrationFailedException(string scriptName, Exception? innerException)
        : this(scriptName, innerException?.Message, innerException)
    {
    }

    public MigrationFailedException(string scriptName, string? reason, Exception? innerException)
        : base($"Migration {scriptName} failed and was rolled back: {reason}", innerException)
    {
        ScriptName = scriptName;
    }

    public string ScriptName { get; }
}
