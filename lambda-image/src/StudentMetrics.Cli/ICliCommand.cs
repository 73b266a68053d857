namespace StudentMetrics.Cli;

/// <summary>One subcommand of <c>student-metrics</c>. Registered in <see cref="CommandTable"/>, never discovered by reflection.</summary>
internal interface ICliCommand
{
    string Name { get; }

    /// <summary>One line for <c>--help</c>.</summary>
    string Summary { get; }

    /// <summary>The usage text shown by <c>student-metrics NAME --help</c>.</summary>
    string Usage { get; }

    /// <returns>The process exit code: 0 success, 1 an error of the tool's own, 2 the input was refused.</returns>
    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
