namespace StudentMetrics.Cli.Arguments;

/// <summary>A command's arguments, checked against its <see cref="CommandSyntax"/>.</summary>
internal sealed class ParsedArguments(IReadOnlyDictionary<string, string> operands, IReadOnlyDictionary<string, string?> options)
{
    /// <summary>The operand's value, or null when an optional one was not given.</summary>
    public string? Operand(string name) => operands.GetValueOrDefault(name);

    /// <summary>The option's value, or null when it was not given.</summary>
    public string? Value(string option) => options.GetValueOrDefault(option);

    public bool Has(string option) => options.ContainsKey(option);
}
