using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StudentMetrics.Cleaning;
using StudentMetrics.Database;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Load;
using StudentMetrics.IntegrationTests.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Functions;

/// <summary>
/// Any legal S3 key is a file the pipeline handles, and a file's source decides which schools it may carry: keys in any
/// script, keys named like another file's outputs, keys too long for their outputs, files outside every source.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class KeyNamesAndSourcesTests(LocalStack stack) : IAsyncLifetime
{
    private const string Header = "student_id,school_id,grade_level,term,days_enrolled,recorded_on";
    private FeedBucket _bucket = null!;

    public async Task InitializeAsync() =>
        _bucket = await FeedBucket.CreateAsync(stack, "names", ("Escuela Niños", ["SCH-A"]), ("s6", ["SCH-A"]), ("x", ["SCH-A"]), ("school-b", ["SCH-B"]));

    public async Task DisposeAsync() => await _bucket.DisposeAsync();

    [Theory]
    [InlineData("raw/Escuela Niños/2025.csv", "clean/Escuela Niños/2025.csv")]
    [InlineData("raw/s6/Müller.csv", "clean/s6/Müller.csv")]
    public async Task A_key_with_characters_beyond_ascii_is_cleaned_and_loaded_under_its_own_name(string rawKey, string cleanKey)
    {
        await _bucket.PutAsync(rawKey, Header + "\ns1,sch-a,5,2024-2025-S1,90,2025-01-10\n");

        var report = (await _bucket.SettleAsync(rawKey)).Report.ShouldNotBeNull();

        report.Status.ShouldBe(FileStatus.Cleaned);
        report.Source.Key.ShouldBe(rawKey);
        await using var database = await MigratedDatabase.CreateAsync(stack, "utf8keys");
        var loaded = await new CleanObjectLoader(_bucket.S3, new CleanFileLoader(await database.ConnectAsMemberOfAsync("student_metrics_loader")))
            .LoadAsync(_bucket.Name, cleanKey, CancellationToken.None);
        loaded.Inserted.ShouldBe(1);
        (await database.ScalarAsync<string>("SELECT source_key FROM core.student_metrics")).ShouldBe(rawKey);
        GlueJobLineage(cleanKey).GetProperty("key").GetString().ShouldBe(rawKey);
    }

    [Fact]
    public async Task A_file_named_like_another_files_quarantine_report_leaves_that_report_alone()
    {
        await _bucket.PutAsync("raw/x/a.csv", "not,an,export\n1,2,3\n");
        await _bucket.PutAsync("raw/x/a.csv.report.json", "{\"status\": \"cleaned\", \"forged\": true}\n");

        await _bucket.SettleAsync("raw/x/a.csv");
        await _bucket.SettleAsync("raw/x/a.csv.report.json");

        var report = JsonDocument.Parse((await _bucket.GetAsync("quarantine/reports/x/a.csv.report.json")).Body).RootElement;
        report.GetProperty("status").GetString().ShouldBe("quarantined");
        report.GetProperty("source").GetProperty("key").GetString().ShouldBe("raw/x/a.csv");
        (await _bucket.GetAsync("quarantine/files/x/a.csv.report.json")).Body.ShouldContain("forged");
    }

    [Fact]
    public async Task A_key_too_long_for_its_outputs_is_quarantined_with_a_report_under_a_name_that_fits()
    {
        var rawKey = "raw/s6/" + new string('k', 1000) + ".csv";
        await _bucket.PutAsync(rawKey, Header + "\nS1,SCH-A,5,2024-2025-S1,90,2025-01-10\n");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawKey)));

        var first = await _bucket.SettleAsync(rawKey);
        var again = await _bucket.SettleAsync(rawKey);

        var report = first.Report.ShouldNotBeNull();
        report.Status.ShouldBe(FileStatus.Quarantined);
        report.Reason.ShouldNotBeNull().Code.ShouldBe(QuarantineReasons.KeyTooLongCode);
        report.Source.Key.ShouldBe(rawKey);
        (await _bucket.ListAsync()).ShouldBe(
            [$"quarantine/long-keys/{hash}", $"quarantine/long-keys/{hash}.report.json", rawKey, $"reports/long-keys/{hash}.json"], ignoreOrder: true);
        JsonDocument.Parse((await _bucket.GetAsync($"reports/long-keys/{hash}.json")).Body).RootElement.GetProperty("source").GetProperty("key").GetString().ShouldBe(rawKey);
        again.Repeated.ShouldBeTrue();
        again.Counted.ShouldBeFalse();
    }

    [Fact]
    public async Task A_row_for_a_school_its_source_may_not_send_is_rejected_and_the_rest_of_the_file_is_cleaned()
    {
        const string rawKey = "raw/school-b/2025.csv";
        await _bucket.PutAsync(rawKey, Header + "\nB1,SCH-B,5,2024-2025-S1,90,2025-01-10\nA1,SCH-A,5,2024-2025-S1,90,2025-06-01\nB2,SCH-B,5,2024-2025-S1,90,2025-01-10\n");

        var report = (await _bucket.SettleAsync(rawKey)).Report.ShouldNotBeNull();

        report.Status.ShouldBe(FileStatus.Cleaned);
        report.RejectReasons.ShouldBe(new Dictionary<string, long> { ["school_id:not_permitted_for_source"] = 1 });
        report.Registration.ShouldNotBeNull().Schools.ShouldBe(["SCH-B"]);
        (await _bucket.GetAsync("clean/school-b/2025.csv")).Body.ShouldNotContain("SCH-A");
        (await _bucket.GetAsync("rejects/school-b/2025.csv")).Body.ShouldContain("A1,SCH-A,5,2024-2025-S1,90,2025-06-01,2,school_id:not_permitted_for_source");
    }

    [Theory]
    [InlineData("raw/nobody/2025.csv")]
    [InlineData("raw/2025.csv")]
    public async Task A_file_from_no_registered_source_is_set_aside_and_cleaned_when_replayed_after_its_source_is_registered(string rawKey)
    {
        await _bucket.PutAsync(rawKey, Header + "\nS1,SCH-A,5,2024-2025-S1,90,2025-01-10\n");

        var refused = (await _bucket.SettleAsync(rawKey)).Report.ShouldNotBeNull();

        refused.Status.ShouldBe(FileStatus.Quarantined);
        refused.Reason.ShouldNotBeNull().Code.ShouldBe(QuarantineReasons.SourceNotRegisteredCode);
        refused.Registration.ShouldNotBeNull().Registered.ShouldBeFalse();
        (await _bucket.ListAsync("clean/")).ShouldBeEmpty();
        if (CleanOutputLayout.SourceOf(rawKey) is { } source)
        {
            var registered = FeedBucket.RegistryOf(("nobody", ["SCH-A"]));
            var replayed = await new ObjectCleaner(
                new StudentMetrics.Aws.S3.S3RawObjects(_bucket.S3, _bucket.Name), new StudentMetrics.Aws.S3.S3FeedStore(_bucket.S3, _bucket.Name), new CleanerOptions(), registered)
                .SettleAsync(new CleanRequest(rawKey), CancellationToken.None);
            source.ShouldBe("nobody");
            replayed.Report.ShouldNotBeNull().Status.ShouldBe(FileStatus.Cleaned);
            replayed.Counted.ShouldBeTrue("cleaned under another registration, it is a new result");
            (await _bucket.ListAsync("quarantine/")).ShouldBeEmpty();
        }
    }

    /// <summary>What the Glue job's own code (glue/student_metrics_load.py) reads as the object's lineage, through boto3.</summary>
    private JsonElement GlueJobLineage(string cleanKey)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(stack.Repository, "glue") };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(
            """
            import json, os, sys, boto3, student_metrics_load as job
            s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"], aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])
            url = "s3://" + sys.argv[2] + "/" + sys.argv[3]
            lineage = job.file_lineage(s3, [url])[url]
            print(json.dumps({name: getattr(lineage, name) for name in type(lineage).__slots__}))
            """);
        start.ArgumentList.Add(stack.AwsEndpoint);
        start.ArgumentList.Add(_bucket.Name);
        start.ArgumentList.Add(cleanKey);
        // The local AWS enforces IAM: the read needs real credentials. This test's bucket is its own, which only the
        // administrator reaches (the Glue role reads the deployed bucket alone); what is tested here is how the job's
        // code decodes the lineage, not the role's rights.
        start.Environment["AWS_ACCESS_KEY_ID"] = stack.Administrator.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = stack.Administrator.SecretKey;
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, error.Result);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
