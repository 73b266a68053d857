namespace StudentMetrics.Database;

/// <summary>The database settings are missing or malformed. The message says how to fix them and never quotes a value.</summary>
public sealed class DatabaseSettingsException : Exception
{
    public DatabaseSettingsException()
    {
    }

    public DatabaseSettingsException(string message)
        : base(message)
    {
    }

    public DatabaseSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
