using StudentMetrics.Cli.Arguments;

namespace StudentMetrics.Cli;

/// <summary>One subcommand of <c>student-metrics</c>. Registered in <see cref="CommandTable"/>, never discovered by reflection.</summary>
internal interface ICliCommand
{
    string Name { get; }

    /// <summary>One line for <c>student-metrics help</c>.</summary>
    string Summary { get; }

    /// <summary>Its operands and options: the parser and the usage text both read them.</summary>
    CommandSyntax Syntax { get; }

    /// <summary>What the usage text says after the options: what it does, what it needs, its exit codes.</summary>
    string Details { get; }

    /// <returns>The process exit code: 0 success, 1 an error of the tool's own, 2 the input was refused.</returns>
    Task<int> RunAsync(ParsedArguments args, CommandOutput output, CancellationToken cancellationToken);
}
