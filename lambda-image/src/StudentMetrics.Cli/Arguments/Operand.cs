namespace StudentMetrics.Cli.Arguments;

/// <summary>A positional argument of a command, e.g. <c>FILE</c>.</summary>
internal sealed record Operand(string Name, string Description, bool Required = true);
