using System.Reflection;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cli.Arguments;

namespace StudentMetrics.Cli;

/// <summary>Dispatches <c>student-metrics SUBCOMMAND ...</c> to its command, and turns every failure into one line a person can act on.</summary>
internal static class CommandLine
{
    public const string DebugVariable = "STUDENT_METRICS_DEBUG";

    public static string Version { get; } =
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unversioned";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            await stderr.WriteAsync(Help()).ConfigureAwait(false);
            return 1;
        }

        switch (args[0])
        {
            case "--version":
                await stdout.WriteLineAsync(
                    $"student-metrics {Version} (feed contracts: {string.Join(", ", FeedContracts.All.Values.Select(c => $"{c.Dataset} {c.Version}"))})").ConfigureAwait(false);
                return 0;
            case "--help" or "-h" or "help" when args.Count == 1:
                await stdout.WriteAsync(Help()).ConfigureAwait(false);
                return 0;
            case "help":
                return await WriteUsageAsync(args[1], stdout, stderr).ConfigureAwait(false);
        }

        var command = Find(args[0]);
        if (command is null)
        {
            await stderr.WriteLineAsync(UnknownCommand(args[0])).ConfigureAwait(false);
            return 1;
        }

        var rest = args.Skip(1).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            return await WriteUsageAsync(command.Name, stdout, stderr).ConfigureAwait(false);
        }

        ParsedArguments parsed;
        try
        {
            parsed = ArgumentParser.Parse(command.Syntax, rest);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"{command.Name}: {e.Message}. Usage: {command.Syntax.Synopsis} ('student-metrics help {command.Name}' says more)").ConfigureAwait(false);
            return 1;
        }

        try
        {
            return await command.RunAsync(parsed, new CommandOutput(stdout, stderr), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"{command.Name}: cancelled").ConfigureAwait(false);
            return 130;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable(DebugVariable) is null)
        {
            // A person reads this: one line that says what to do, never a stack trace (STUDENT_METRICS_DEBUG=1 lets it through).
            await stderr.WriteLineAsync($"{command.Name}: {FailureMessages.Describe(e)}").ConfigureAwait(false);
            return 1;
        }
    }

    private static ICliCommand? Find(string name) => CommandTable.All.FirstOrDefault(c => c.Name == name);

    private static string UnknownCommand(string name) =>
        $"student-metrics: unknown command '{name}'. Commands: {string.Join(", ", CommandTable.All.Select(c => c.Name))} ('student-metrics help' says what each does).";

    private static async Task<int> WriteUsageAsync(string name, TextWriter stdout, TextWriter stderr)
    {
        if (Find(name) is not { } command)
        {
            await stderr.WriteLineAsync(UnknownCommand(name)).ConfigureAwait(false);
            return 1;
        }

        await stdout.WriteAsync(command.Syntax.Usage() + "\n" + command.Details.TrimEnd() + "\n").ConfigureAwait(false);
        return 0;
    }

    private static string Help()
    {
        var lines = new List<string>
        {
            "student-metrics: clean, load and report on student_metrics exports; the same code the Lambda functions run.",
            "",
            "Commands:",
        };
        lines.AddRange(CommandTable.All.Select(c => $"  {c.Name,-10} {c.Summary}"));
        lines.Add("");
        lines.Add("'student-metrics help COMMAND' (or COMMAND --help) shows a command's usage; --version prints the version.");
        return string.Join('\n', lines) + "\n";
    }
}
