using StudentMetrics.Cli.Commands;

namespace StudentMetrics.Cli;

/// <summary>Every subcommand, in the order <c>--help</c> lists them. Add a command here and in its own file under Commands/.</summary>
internal static class CommandTable
{
    public static IReadOnlyList<ICliCommand> All { get; } =
    [
        new CleanCommand(),
        new MigrateCommand(),
        new LoadCommand(),
        new LambdaCommand(),
        new ServeCommand(),
        new SourcesCommand(),
        new RunCommand(),
        new DashboardCommand(),
        new ContractsCommand(),
    ];
}
