using StudentMetrics.Cli;

namespace StudentMetrics.UnitTests.Cli;

/// <summary>Runs the command line in-process and keeps what it printed.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Stdout, string Stderr)> Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
