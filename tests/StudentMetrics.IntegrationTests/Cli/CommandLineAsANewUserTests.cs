using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace StudentMetrics.IntegrationTests.Cli;

/// <summary>
/// The command line run as its own process, as a new user runs it, with settings that are wrong in the ways people
/// get them wrong: each gets one line that says what to fix, and the documented exit code. No stack is needed.
/// </summary>
public sealed class CommandLineAsANewUserTests
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "student-metrics.dll");

    [Fact]
    public async Task A_connection_string_with_an_unquoted_separator_is_refused_without_showing_the_password()
    {
        var (exit, stderr) = await RunAsync(["migrate"], ("STUDENT_METRICS_DB", "Host=127.0.0.1;Username=owner;Password=abc;def-ghi"));

        exit.ShouldBe(1);
        OneLine(stderr).ShouldStartWith("migrate: STUDENT_METRICS_DB is not a valid Npgsql connection string");
        stderr.ShouldNotContain("def-ghi");
    }

    [Fact]
    public async Task No_database_setting_names_both_ways_to_give_one()
    {
        var (exit, stderr) = await RunAsync(["migrate"]);

        exit.ShouldBe(1);
        OneLine(stderr).ShouldStartWith("migrate: No database configured: set STUDENT_METRICS_DB");
    }

    [Fact]
    public async Task A_database_that_is_not_there_is_called_unreachable()
    {
        var (exit, stderr) = await RunAsync(["migrate"], ("STUDENT_METRICS_DB", $"Host=127.0.0.1;Port={ClosedPort()};Username=owner;Password=pw;Timeout=3"));

        exit.ShouldBe(1);
        OneLine(stderr).ShouldStartWith("migrate: cannot reach PostgreSQL:");
        stderr.ShouldContain("Host and Port in STUDENT_METRICS_DB");
    }

    [Fact]
    public async Task A_missing_region_is_named()
    {
        var (exit, stderr) = await RunAsync(["serve", "--queue", "https://sqs.eu-west-1.amazonaws.com/1/q"]);

        exit.ShouldBe(1);
        OneLine(stderr).ShouldStartWith("serve: AWS_REGION is not set");
    }

    [Fact]
    public async Task An_unreachable_queue_is_called_unreachable_with_the_setting_to_check()
    {
        var endpoint = $"http://127.0.0.1:{ClosedPort()}";

        var (exit, stderr) = await RunAsync(
            ["serve", "--queue", endpoint + "/000000000000/raw-events", "--bucket", "student-metrics-local"],
            ("AWS_ENDPOINT_URL", endpoint), ("AWS_ACCESS_KEY_ID", "local"), ("AWS_SECRET_ACCESS_KEY", "local"));

        exit.ShouldBe(1);
        OneLine(stderr).ShouldStartWith("serve: cannot reach the AWS endpoint:");
        stderr.ShouldContain("AWS_ENDPOINT_URL");
    }

    [Fact]
    public async Task Run_without_the_local_stack_says_how_to_get_it()
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "student_metrics_sample.csv");

        var (exit, stderr) = await RunAsync(["run", sample], ("AWS_REGION", "eu-west-1"));

        exit.ShouldBe(1);
        OneLine(stderr).ShouldStartWith("run: AWS_ENDPOINT_URL is not set. 'make run' starts the local stack");
    }

    private static string OneLine(string stderr)
    {
        stderr.TrimEnd().ShouldNotContain('\n', customMessage: "one line: " + stderr);
        stderr.ShouldNotContain("Exception", customMessage: "no .NET exception text");
        return stderr;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Exit, string Stderr)> RunAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A new user's shell: none of the stack's settings, only what the test gives.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("STUDENT_METRICS", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stderr);
    }
}
