namespace StudentMetrics.Database.Sources;

/// <summary>A registry change that cannot be made as asked (the source exists already, or does not); nothing was changed.</summary>
public sealed class SourceRegistryException : Exception
{
    public SourceRegistryException()
    {
    }

    public SourceRegistryException(string message)
        : base(message)
    {
    }

    public SourceRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
