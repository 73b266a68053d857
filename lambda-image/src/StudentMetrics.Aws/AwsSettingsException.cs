namespace StudentMetrics.Aws;

/// <summary>An AWS setting is missing or malformed. The message names the setting and says how to fix it.</summary>
public sealed class AwsSettingsException : Exception
{
    public AwsSettingsException()
    {
    }

    public AwsSettingsException(string message)
        : base(message)
    {
    }

    public AwsSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
