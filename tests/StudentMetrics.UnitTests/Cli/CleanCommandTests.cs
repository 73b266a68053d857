using StudentMetrics.Cli;
using StudentMetrics.UnitTests.Cleaning;

namespace StudentMetrics.UnitTests.Cli;

/// <summary><c>student-metrics clean</c>: its outputs, laid out as in the bucket, and its exit codes (0 cleaned, 2 quarantined, 1 its own error).</summary>
public sealed class CleanCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "clean-command-" + Guid.NewGuid().ToString("N"));

    public CleanCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_cleaned_file_gives_exit_0_and_its_outputs_where_the_bucket_would_hold_them()
    {
        var input = Write("in.csv", CleaningRun.Header + "\n" + CleaningRun.Row() + "\n" + CleaningRun.Row(("gpa", "x"), ("student_id", "S2")) + "\n" + CleaningRun.Row(("student_id", "S3")) + "\n");
        var (exit, stdout, _) = await CliRun.Of("clean", input, "--out", Path.Combine(_dir, "out"));

        exit.ShouldBe(0);
        File.ReadAllLines(Path.Combine(_dir, "out", "clean", "in.csv")).Length.ShouldBe(3);
        File.ReadAllLines(Path.Combine(_dir, "out", "rejects", "in.csv")).Length.ShouldBe(2);
        File.ReadAllText(Path.Combine(_dir, "out", "reports", "in.csv.report.json")).ShouldContain("\"status\": \"cleaned\"");
        stdout.ShouldContain("3 rows read, 2 clean, 1 rejected");
        stdout.ShouldContain(Path.Combine("out", "clean", "in.csv"));
    }

    [Fact]
    public async Task A_quarantined_file_gives_exit_2_the_reason_on_stderr_and_is_set_aside_as_in_the_bucket()
    {
        var input = Write("in.csv", "name,score\nann,3\n");
        var (exit, _, stderr) = await CliRun.Of("clean", "--out", Path.Combine(_dir, "out"), input);

        exit.ShouldBe(2);
        stderr.ShouldContain("missing_required_columns: the header has no column for student_id, school_id, grade_level, term, days_enrolled, recorded_on");
        Directory.GetFiles(Path.Combine(_dir, "out"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Path.Combine(_dir, "out"), f).Replace('\\', '/')).Order()
            .ShouldBe(["quarantine/files/in.csv", "quarantine/reports/in.csv.report.json", "reports/in.csv.report.json"]);
        File.ReadAllText(Path.Combine(_dir, "out", "quarantine", "files", "in.csv")).ShouldBe("name,score\nann,3\n");
    }

    [Fact]
    public async Task A_file_quarantined_for_its_rejects_keeps_them_beside_it_as_in_the_bucket()
    {
        var input = Write("bad.csv", CleaningRun.Header + "\n" + CleaningRun.Row(("gpa", "9")) + "\n" + CleaningRun.Row(("student_id", "S2"), ("gpa", "9")) + "\n" + CleaningRun.Row(("student_id", "S3")) + "\n");
        var (exit, _, _) = await CliRun.Of("clean", input, "--out", Path.Combine(_dir, "out"));

        exit.ShouldBe(2);
        File.ReadAllText(Path.Combine(_dir, "out", "quarantine", "rejects", "bad.csv")).ShouldContain("gpa:out_of_range");
        Directory.Exists(Path.Combine(_dir, "out", "rejects")).ShouldBeFalse("rejects/ holds only what a loaded file dropped");
        Directory.Exists(Path.Combine(_dir, "out", "clean")).ShouldBeFalse();
    }

    [Fact]
    public async Task The_input_file_is_never_changed()
    {
        var content = CleaningRun.Header + "\n" + CleaningRun.Row() + "\n";
        var input = Write("in.csv", content);
        var before = File.GetLastWriteTimeUtc(input);

        await CliRun.Of("clean", input, "--out", Path.Combine(_dir, "out"));

        File.ReadAllText(input).ShouldBe(content);
        File.GetLastWriteTimeUtc(input).ShouldBe(before);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
