namespace StudentMetrics.Database;

/// <summary>A migration script failed; its transaction was rolled back, so nothing of it is applied.</summary>
public sealed class MigrationFailedException(string scriptName, Exception? innerException)
    : Exception($"Migration {scriptName} failed and was rolled back: {innerException?.Message}", innerException)
{
    public string ScriptName { get; } = scriptName;
}
