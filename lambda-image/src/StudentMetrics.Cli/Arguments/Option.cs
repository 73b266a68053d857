namespace StudentMetrics.Cli.Arguments;

/// <summary>A named argument of a command: <c>--out DIR</c>, or a flag (no <see cref="ValueName"/>) such as <c>--dry-run</c>.</summary>
internal sealed record Option(string Name, string? ValueName, string Description, bool Required = false)
{
    public bool IsFlag => ValueName is null;

    public string Synopsis => IsFlag ? Name : $"{Name} {ValueName}";
}
