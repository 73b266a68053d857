namespace StudentMetrics.Database;

/// <summary>A migration that was already applied has been edited since. Migrations are never edited once applied: add a new one.</summary>
public sealed class AppliedMigrationChangedException : Exception
{
    public AppliedMigrationChangedException(string scriptName, string recordedChecksum, string currentChecksum)
        : base($"Migration {scriptName} was changed after it was applied (applied SHA-256 {recordedChecksum}, now {currentChecksum}). " +
               "An applied migration must never be edited: restore it and put the change in a new migration.")
    {
        ScriptName = scriptName;
    }

    public string ScriptName { get; }
}
