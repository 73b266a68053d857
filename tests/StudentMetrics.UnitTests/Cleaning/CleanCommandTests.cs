using StudentMetrics.Cli;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary><c>student-metrics clean</c>: its outputs and exit codes (0 cleaned, 2 quarantined, 1 its own error).</summary>
public sealed class CleanCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "clean-command-" + Guid.NewGuid().ToString("N"));

    public CleanCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_cleaned_file_gives_exit_0_and_the_three_outputs()
    {
        var input = Write("in.csv", CleaningRun.Header + "\n" + CleaningRun.Row() + "\n" + CleaningRun.Row(("gpa", "x"), ("student_id", "S2")) + "\n" + CleaningRun.Row(("student_id", "S3")) + "\n");
        var (exit, _, _) = await Run("clean", input, "--out", Path.Combine(_dir, "out"));

        exit.ShouldBe(0);
        File.ReadAllLines(Path.Combine(_dir, "out", "clean.csv")).Length.ShouldBe(3);
        File.ReadAllLines(Path.Combine(_dir, "out", "rejects.csv")).Length.ShouldBe(2);
        File.ReadAllText(Path.Combine(_dir, "out", "report.json")).ShouldContain("\"status\": \"cleaned\"");
    }

    [Fact]
    public async Task A_quarantined_file_gives_exit_2_the_reason_on_stderr_and_only_a_report()
    {
        var input = Write("in.csv", "name,score\nann,3\n");
        var (exit, _, stderr) = await Run("clean", "--out", Path.Combine(_dir, "out"), input);

        exit.ShouldBe(2);
        stderr.ShouldContain("missing_required_columns: student_id, school_id, grade_level, term, days_enrolled, recorded_on");
        Directory.GetFiles(Path.Combine(_dir, "out")).Select(Path.GetFileName).ShouldBe(["report.json"]);
    }

    [Theory]
    [InlineData("clean")]
    [InlineData("clean", "only-input.csv")]
    [InlineData("clean", "a.csv", "--out")]
    [InlineData("clean", "/no/such/file.csv", "--out", "/tmp/x")]
    public async Task Bad_arguments_or_a_missing_input_give_exit_1(params string[] args)
    {
        var (exit, _, stderr) = await Run(args);

        exit.ShouldBe(1);
        stderr.ShouldNotBeEmpty();
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> Run(params string[] args)
    {
        var originalError = Console.Error;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Console.SetError(stderr);
        try
        {
            var exit = await CommandLine.RunAsync(args, stdout, stderr, CancellationToken.None);
            return (exit, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetError(originalError);
        }
    }
}
