namespace StudentMetrics.Cli.Arguments;

/// <summary>The arguments do not fit the command's syntax. The message says what is wrong, in one line.</summary>
internal sealed class UsageException(string message) : Exception(message);
