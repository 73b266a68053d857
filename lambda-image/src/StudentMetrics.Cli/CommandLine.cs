namespace StudentMetrics.Cli;

/// <summary>Dispatches <c>student-metrics SUBCOMMAND ...</c> to its command.</summary>
internal static class CommandLine
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            WriteHelp(stdout);
            return args.Count == 0 ? 1 : 0;
        }

        var command = CommandTable.All.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            await stderr.WriteLineAsync($"student-metrics: unknown command '{args[0]}'. Run 'student-metrics --help' for the list.").ConfigureAwait(false);
            return 1;
        }

        var rest = args.Skip(1).ToList();
        if (rest.Contains("--help") || rest.Contains("-h"))
        {
            await stdout.WriteLineAsync(command.Usage).ConfigureAwait(false);
            return 0;
        }

        try
        {
            return await command.RunAsync(rest, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"{command.Name}: cancelled").ConfigureAwait(false);
            return 130;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("STUDENT_METRICS_DEBUG") is null)
        {
            // A person reads this: the message, not a stack trace (STUDENT_METRICS_DEBUG=1 lets it through).
            await stderr.WriteLineAsync($"{command.Name}: failed: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static void WriteHelp(TextWriter stdout)
    {
        stdout.WriteLine("student-metrics: clean, load and report on student_metrics exports.");
        stdout.WriteLine();
        stdout.WriteLine("Commands:");
        foreach (var command in CommandTable.All)
        {
            stdout.WriteLine($"  {command.Name,-12} {command.Summary}");
        }

        stdout.WriteLine();
        stdout.WriteLine("Run 'student-metrics COMMAND --help' for a command's options.");
    }
}
