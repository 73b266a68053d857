namespace StudentMetrics.Cleaning.Storage;

/// <summary>A conditional write or delete found the key changed since it was observed: another run wrote or removed it.</summary>
public sealed class OutputConflictException : Exception
{
    public OutputConflictException()
    {
    }

    public OutputConflictException(string message)
        : base(message)
    {
    }

    public OutputConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static OutputConflictException For(string location, string key, WriteCondition condition, Exception? cause = null)
    {
        var message = $"{location}/{key} no longer holds what this run saw there ({condition}): another run changed it";
        return cause is null ? new OutputConflictException(message) : new OutputConflictException(message, cause);
    }
}
