namespace StudentMetrics.Cli.Arguments;

/// <summary>Reads a command's arguments by its syntax: operands in order, options in any order, each at most once.</summary>
internal static class ArgumentParser
{
    /// <exception cref="UsageException">The arguments do not fit: the message names the argument and what it should be.</exception>
    public static ParsedArguments Parse(CommandSyntax syntax, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        ArgumentNullException.ThrowIfNull(args);
        var operands = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var option = syntax.Options.FirstOrDefault(o => o.Name == arg)
                    ?? throw new UsageException(syntax.Options.Count == 0
                        ? $"unknown option {arg}: this command takes none"
                        : $"unknown option {arg} (it takes {string.Join(", ", syntax.Options.Select(o => o.Synopsis))})");
                if (options.ContainsKey(option.Name))
                {
                    throw new UsageException($"{option.Name} is given twice");
                }

                if (option.IsFlag)
                {
                    options[option.Name] = null;
                    continue;
                }

                if (i + 1 == args.Count || args[i + 1].Length == 0)
                {
                    throw new UsageException($"{option.Name} needs a value: {option.ValueName}, {option.Description}");
                }

                options[option.Name] = args[++i];
                continue;
            }

            var next = operands.Count;
            if (next == syntax.Operands.Count)
            {
                throw new UsageException(syntax.Operands.Count == 0
                    ? $"unexpected argument '{arg}': this command takes no {(arg.StartsWith('-') ? "such option" : "file or name")}"
                    : $"unexpected argument '{arg}': only {string.Join(" ", syntax.Operands.Select(o => o.Name))} is taken");
            }

            operands[syntax.Operands[next].Name] = arg;
        }

        if (syntax.Operands.FirstOrDefault(o => o.Required && !operands.ContainsKey(o.Name)) is { } missingOperand)
        {
            throw new UsageException($"{missingOperand.Name} is missing: {missingOperand.Description}");
        }

        if (syntax.Options.FirstOrDefault(o => o.Required && !options.ContainsKey(o.Name)) is { } missingOption)
        {
            throw new UsageException($"{missingOption.Name} is missing: {missingOption.ValueName}, {missingOption.Description}");
        }

        return new ParsedArguments(operands, options);
    }
}
