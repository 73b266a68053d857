using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Amazon.S3;
using Npgsql;
using StudentMetrics.Cleaning;
using StudentMetrics.Cli.LocalRun;
using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.EndToEnd;

/// <summary>
/// upload → S3 event → SQS → clean function → S3 outputs → loader → PostgreSQL, as <c>make run</c> does it: in the
/// bucket and queue the templates deployed, the clean function with its role, the loader's reads with the Glue role.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class PipelineEndToEndTests(LocalStack stack) : IAsyncLifetime
{
    private readonly IAmazonS3 _s3 = stack.CreateS3Client();
    private readonly string _bucket = stack.Bucket;
    private readonly string _workDir = Directory.CreateTempSubdirectory("e2e-").FullName;
    private readonly string _sample = Path.Combine(stack.Repository, "samples", "student_metrics_sample.csv");
    private NpgsqlDataSource _database = null!;

    public async Task InitializeAsync()
    {
        stack.PurgeUploadQueue();
        // The pipeline publishes its new database's registry, whose revision starts over: not over an earlier test's.
        await stack.ForgetSourceRegistryAsync();
        _database = DatabaseSettings.ForConnectionString(await stack.CreateDatabaseAsync("e2e")).CreateDataSource();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _s3.Dispose();
        Directory.Delete(_workDir, recursive: true);
    }

    [Fact]
    public async Task The_sample_flows_from_upload_to_rows_in_PostgreSQL_with_every_output_in_S3()
    {
        var summary = await RunAsync(_sample);

        var report = summary.Report;
        report.Status.ShouldBe(FileStatus.Cleaned);
        report.RowsRead.ShouldBe(File.ReadAllLines(_sample).Length - 1);
        report.RowsRejected.ShouldBeGreaterThan(0);
        report.RowsClean.ShouldBe(report.RowsRead - report.RowsRejected);
        report.Source.Sha256.ShouldBe(FileSha256(_sample));

        // S3: the raw object as uploaded, and one output per prefix.
        (await ReadObjectAsync("raw/local/student_metrics_sample.csv")).ShouldBe(await File.ReadAllTextAsync(_sample));
        var clean = (await ReadObjectAsync("clean/local/student_metrics_sample.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        clean.Length.ShouldBe((int)report.RowsClean + 1);
        clean[0].ShouldEndWith(",recorded_on,source_row");
        var rejects = (await ReadObjectAsync("rejects/local/student_metrics_sample.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        rejects.Length.ShouldBe((int)report.RowsRejected + 1);
        (await ReadObjectAsync("reports/local/student_metrics_sample.csv.report.json")).ShouldContain("\"rows_clean\": " + report.RowsClean);

        // PostgreSQL: every clean row, each traceable to the object, its content and its row.
        summary.Load.ShouldNotBeNull().Outcome.ShouldBe(LoadOutcome.Loaded);
        await using var connection = await _database.OpenConnectionAsync();
        (await ScalarAsync<long>(connection, "SELECT count(*) FROM core.student_metrics")).ShouldBe(report.RowsClean);
        (await ScalarAsync<long>(connection, "SELECT count(DISTINCT (source_key, source_sha256)) FROM core.student_metrics")).ShouldBe(1);
        (await ScalarAsync<string>(connection, "SELECT min(source_key) FROM core.student_metrics")).ShouldBe("raw/local/student_metrics_sample.csv");
        (await ScalarAsync<string>(connection, "SELECT min(source_sha256) FROM core.student_metrics")).ShouldBe(report.Source.Sha256);
        (await ScalarAsync<string>(connection, "SELECT status FROM core.ingestion_ledger ORDER BY ledger_id DESC LIMIT 1")).ShouldBe("loaded");

        // A row the export wrote in lower case is stored canonical, and points back to its raw row.
        var sourceRow = await ScalarAsync<int>(connection, "SELECT source_row FROM core.student_metrics WHERE student_id = 'S001002' AND term = '2024-2025-S2'");
        File.ReadLines(_sample).ElementAt(sourceRow).ShouldStartWith("s001002,");
    }

    [Fact]
    public void Make_run_registers_exactly_the_schools_of_the_sample()
    {
        var rows = CsvText.Parse(File.ReadAllText(_sample));
        var schools = rows.Skip(1).Select(r => r[1].Trim().ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal);

        SampleSchools.ShouldBe(schools);
    }

    [Fact]
    public async Task Running_the_same_file_again_changes_nothing()
    {
        var first = await RunAsync(_sample);
        await using var connection = await _database.OpenConnectionAsync();
        var before = await ScalarAsync<long>(connection, "SELECT count(*) FROM core.student_metrics");

        var second = await RunAsync(_sample);

        second.Report.Source.Sha256.ShouldBe(first.Report.Source.Sha256);
        second.Load.ShouldNotBeNull().Outcome.ShouldBe(LoadOutcome.SkippedAlreadyLoaded);
        (await ScalarAsync<long>(connection, "SELECT count(*) FROM core.student_metrics")).ShouldBe(before);
    }

    [Fact]
    public async Task A_file_that_is_not_a_student_metrics_export_is_quarantined_and_loads_nothing()
    {
        var wrong = Path.Combine(_workDir, "gradebook.csv");
        await File.WriteAllTextAsync(wrong, "name;class;G1;G2;G3;\n\"Ana\";\"7B\";\"5\";12;14;\n");

        var summary = await RunAsync(wrong);

        summary.Report.Status.ShouldBe(FileStatus.Quarantined);
        summary.Report.Reason.ShouldNotBeNull().Message.ShouldContain("student_id");
        summary.Load.ShouldBeNull();
        (await ReadObjectAsync("quarantine/files/local/gradebook.csv")).ShouldBe(await File.ReadAllTextAsync(wrong));
        await using var connection = await _database.OpenConnectionAsync();
        (await ScalarAsync<long>(connection, "SELECT count(*) FROM core.student_metrics")).ShouldBe(0);
    }

    [Fact]
    public async Task A_quarantined_export_is_on_record_with_its_schools_and_freshness_shows_it_as_their_latest_attempt()
    {
        var partial = Path.Combine(_workDir, "no-attendance.csv");
        await File.WriteAllTextAsync(partial, "student_id,school,grade_level,term\nS1,late-school,5,2024-2025-S1\nS2,LATE-SCHOOL,6,2024-2025-S1\n");

        var summary = await RunAsync(partial);

        summary.Report.Status.ShouldBe(FileStatus.Quarantined);
        await using var connection = await _database.OpenConnectionAsync();
        (await ScalarAsync<string>(connection,
            "SELECT l.status || ' ' || string_agg(s.school_id, ',') FROM core.ingestion_ledger l JOIN core.ingestion_ledger_schools s USING (ledger_id) " +
            "WHERE l.source_key = 'raw/local/no-attendance.csv' GROUP BY l.status")).ShouldBe("quarantined LATE-SCHOOL");
        (await ScalarAsync<string>(connection,
            "SELECT latest_attempt_status || ' ' || latest_attempt_key FROM reporting.data_freshness WHERE school_id = 'LATE-SCHOOL'"))
            .ShouldBe("quarantined raw/local/no-attendance.csv");
    }

    [Fact]
    public async Task The_readme_shows_exactly_what_make_run_prints_for_the_sample()
    {
        // As make run lays it out: the copies in .local/run below the directory the command runs in.
        var home = Path.Combine(_workDir, "checkout");
        var workDir = Path.Combine(home, ".local", "run");
        // As on a fresh local stack: S3 put a test event in the queue when the stack set up the bucket's notifications.
        stack.Cli().Json("sqs", "send-message", "--queue-url", stack.UploadQueueUrl, "--message-body", Hosting.LambdaEvents.S3TestEvent(_bucket));
        var summary = await Pipeline().RunAsync(new LocalRunOptions(_sample, workDir, _bucket, stack.UploadQueueUrl) { Schools = SampleSchools }, CancellationToken.None);
        using var printed = new StringWriter();

        LocalRunSummaryWriter.Write(summary, printed, home);

        var readme = await File.ReadAllTextAsync(Path.Combine(stack.Repository, "README.md"));
        var shown = Regex.Match(readme, "## What `make run` shows\n\n```\n(?<block>.*?)```", RegexOptions.Singleline);
        shown.Success.ShouldBeTrue("README.md has a 'What `make run` shows' block");
        var actual = printed.ToString()
            .Replace(new Uri(home).AbsoluteUri, "file:///path/to/student-metrics", StringComparison.Ordinal);
        MigrationCountsElided(actual.TrimStart('\n')).ShouldBe(MigrationCountsElided(shown.Groups["block"].Value));
    }

    // How many scripts a fresh database applies grows with every migration; the README is not edited for each one.
    private static string MigrationCountsElided(string summary) =>
        Regex.Replace(summary, @"(?m)^(  migrations +)\d+ baseline \+ \d+ versioned \+ \d+ repeatable", "$1N baseline + N versioned + N repeatable");

    // What make run registers for its source: the Makefile's SCHOOLS.
    private static readonly string[] SampleSchools =
        Regex.Match(File.ReadAllText(Path.Combine(LocalStack.FindRepository(), "Makefile")), @"^SCHOOLS \?= (.+)$", RegexOptions.Multiline).Groups[1].Value.Split(',');

    private static string FileSha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private Task<LocalRunSummary> RunAsync(string file) =>
        Pipeline().RunAsync(new LocalRunOptions(file, _workDir, _bucket, stack.UploadQueueUrl) { Schools = SampleSchools }, CancellationToken.None);

    private LocalPipeline Pipeline() =>
        new(_s3, stack.RoleSettings(LocalStack.CleanRole), stack.RoleSettings(LocalStack.LoadRole), _database, TextWriter.Null);

    private async Task<string> ReadObjectAsync(string key)
    {
        using var response = await _s3.GetObjectAsync(_bucket, key);
        using var reader = new StreamReader(response.ResponseStream);
        return await reader.ReadToEndAsync();
    }
}
