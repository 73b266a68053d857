using System.Diagnostics;
using System.Text.Json;
using StudentMetrics.Cleaning.Sources;
using StudentMetrics.Functions.Clean;
using StudentMetrics.IntegrationTests.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Cli;

/// <summary><c>student-metrics sources</c> as an operator runs it: each change lands in the database, audited, and is published for the cleaner.</summary>
[Collection(StackCollection.Name)]
public sealed class SourcesCommandTests(LocalStack stack) : IAsyncLifetime
{
    private static readonly string Cli = Path.Combine(AppContext.BaseDirectory, "student-metrics.dll");
    private readonly string _bucket = "sources-cli-" + Guid.NewGuid().ToString("N")[..12];
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync(stack, "sources_cli");
        using var s3 = stack.CreateS3Client();
        await s3.PutBucketAsync(_bucket);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Adding_a_source_registers_it_audits_who_did_it_and_publishes_the_registry()
    {
        var (exit, stdout, stderr) = await RunAsync("sources", "add", "district7", "--schools", "sch-a, SCH-B", "--description", "District 7", "--by", "ana", "--reason", "new contract");

        exit.ShouldBe(0, stderr);
        stdout.ShouldContain("sources: add raw/district7/: 3 change(s), audited as ana");
        stdout.ShouldContain($"to s3://{_bucket}/{CleanOutputLayout.SourceRegistry}");
        var published = await PublishedAsync();
        published.Find("raw/district7/").ShouldNotBeNull().Schools.ShouldBe(["SCH-A", "SCH-B"]);

        var (_, history, _) = await RunAsync("sources", "history", "district7");
        history.ShouldContain("ana (student_metrics_owner)  school_permitted raw/district7/ SCH-B  because: new contract");
        var (_, list, _) = await RunAsync("sources", "list", "district7");
        list.ShouldContain("raw/district7/  District 7");
        list.ShouldContain("schools (2): SCH-A, SCH-B");
    }

    [Fact]
    public async Task A_change_that_cannot_be_made_changes_and_publishes_nothing()
    {
        var (exit, _, stderr) = await RunAsync("sources", "permit", "nobody", "--schools", "SCH-A");

        exit.ShouldBe(1);
        stderr.ShouldContain("raw/nobody/ is not a registered source");
        stderr.ShouldContain("nothing was changed");
        using var s3 = stack.CreateS3Client();
        (await s3.ListObjectsV2Async(new Amazon.S3.Model.ListObjectsV2Request { BucketName = _bucket })).KeyCount.ShouldBe(0);
    }

    [Theory]
    [InlineData("sources,add,a/b", "is not a source name")]
    [InlineData("sources,permit,district7", "permit needs --schools")]
    [InlineData("sources,add,district7,--schools,not valid!", "is not a school id")]
    [InlineData("sources,rename,district7", "unknown action 'rename'")]
    public async Task Wrong_arguments_get_one_line_that_says_what_is_wrong(string args, string says)
    {
        var (exit, _, stderr) = await RunAsync(args.Split(','));

        exit.ShouldBe(1);
        stderr.ShouldContain(says);
    }

    private async Task<SourceRegistry> PublishedAsync()
    {
        using var s3 = stack.CreateS3Client();
        using var response = await s3.GetObjectAsync(_bucket, CleanOutputLayout.SourceRegistry);
        return (await JsonSerializer.DeserializeAsync(response.ResponseStream, SourceRegistryJsonContext.Default.SourceRegistry)).ShouldNotBeNull();
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["STUDENT_METRICS_DB"] = _database.OwnerConnectionString;
        start.Environment["STUDENT_METRICS_BUCKET"] = _bucket;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, stdout, await stderr);
    }
}
