using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.UnitTests.Cli;

/// <summary>The command line explains itself: help, version, and one actionable line for every wrong use.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "command-line-" + Guid.NewGuid().ToString("N"));

    public CommandLineTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Help_lists_every_command_and_no_arguments_print_it_as_an_error()
    {
        var (exit, stdout, _) = await CliRun.Of("help");
        var (bareExit, _, bareStderr) = await CliRun.Of();

        exit.ShouldBe(0);
        foreach (var command in new[] { "clean", "migrate", "load", "lambda", "serve", "run", "dashboard" })
        {
            stdout.ShouldContain($"  {command} ");
        }

        bareExit.ShouldBe(1);
        bareStderr.ShouldBe(stdout);
    }

    [Fact]
    public async Task Version_names_the_build_and_the_contract_version()
    {
        var (exit, stdout, _) = await CliRun.Of("--version");

        exit.ShouldBe(0);
        stdout.ShouldStartWith("student-metrics ");
        stdout.ShouldContain("(feed contracts: ");
        foreach (var (feed, contract) in FeedContracts.All)
            stdout.ShouldContain($"{feed} {contract.Version}");
    }

    [Theory]
    [InlineData("help", "clean")]
    [InlineData("clean", "--help")]
    [InlineData("clean", "-h")]
    public async Task A_commands_help_is_its_usage(params string[] args)
    {
        var (exit, stdout, _) = await CliRun.Of(args);

        exit.ShouldBe(0);
        stdout.ShouldStartWith("usage: student-metrics clean INPUT --out DIR [--feed FEED]\n");
        stdout.ShouldContain("Exit codes: 0 cleaned, 2 quarantined");
    }

    [Theory]
    [InlineData("clean: --out is missing: DIR, the directory the outputs go to", "clean", "export.csv")]
    [InlineData("clean: INPUT is missing: the export to clean", "clean", "--out", "x")]
    [InlineData("clean: --out needs a value: DIR", "clean", "a.csv", "--out")]
    [InlineData("clean: unknown option --outt (it takes --out DIR, --feed FEED)", "clean", "a.csv", "--outt", "x")]
    [InlineData("clean: --out is given twice", "clean", "a.csv", "--out", "x", "--out", "y")]
    [InlineData("clean: unexpected argument 'b.csv': only INPUT is taken", "clean", "a.csv", "b.csv", "--out", "x")]
    [InlineData("migrate: unknown option --dryrun (it takes --dry-run)", "migrate", "--dryrun")]
    [InlineData("load: --key is missing: OBJECT_KEY", "load", "clean.csv")]
    [InlineData("student-metrics: unknown command 'cleen'. Commands: clean, migrate", "cleen")]
    [InlineData("student-metrics: unknown command 'nope'", "help", "nope")]
    public async Task Wrong_arguments_get_one_line_that_says_what_is_wrong(string expected, params string[] args)
    {
        var (exit, stdout, stderr) = await CliRun.Of(args);

        exit.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldStartWith(expected);
        stderr.TrimEnd().ShouldNotContain('\n', customMessage: "one line, not the whole usage");
    }

    [Fact]
    public async Task A_directory_given_as_the_input_is_called_a_directory()
    {
        var (exit, _, stderr) = await CliRun.Of("clean", _dir, "--out", Path.Combine(_dir, "out"));

        exit.ShouldBe(1);
        stderr.ShouldBe($"clean: {_dir} is a directory; give the export to clean, a file (for example {Path.Combine(_dir, "export.csv")})\n");
    }

    [Fact]
    public async Task A_missing_input_is_called_missing()
    {
        var (exit, _, stderr) = await CliRun.Of("clean", Path.Combine(_dir, "nope.csv"), "--out", _dir);

        exit.ShouldBe(1);
        stderr.ShouldBe($"clean: no such file: {Path.Combine(_dir, "nope.csv")}\n");
    }

    [Fact]
    public async Task An_out_directory_that_is_a_file_is_refused_before_anything_is_written()
    {
        var input = Path.Combine(_dir, "in.csv");
        var file = Path.Combine(_dir, "taken.txt");
        await File.WriteAllTextAsync(input, "a,b\n1,2\n");
        await File.WriteAllTextAsync(file, "keep me");

        var (exit, _, stderr) = await CliRun.Of("clean", input, "--out", file);

        exit.ShouldBe(1);
        stderr.ShouldBe($"clean: --out {file} is a file; --out takes a directory (created if missing)\n");
        (await File.ReadAllTextAsync(file)).ShouldBe("keep me");
    }

    [Fact]
    public async Task Load_refuses_a_directory_before_reaching_for_the_database()
    {
        var (exit, _, stderr) = await CliRun.Of("load", _dir, "--key", "raw/a.csv");

        exit.ShouldBe(1);
        stderr.ShouldStartWith($"load: {_dir} is a directory");
    }
}
