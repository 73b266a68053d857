namespace StudentMetrics.Hosting;

/// <summary>The configuration names a function the image does not have.</summary>
public sealed class UnknownFunctionException : Exception
{
    public UnknownFunctionException()
    {
    }

    public UnknownFunctionException(string message)
        : base(message)
    {
    }

    public UnknownFunctionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
