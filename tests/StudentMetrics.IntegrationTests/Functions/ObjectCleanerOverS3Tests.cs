using System.Security.Cryptography;
using System.Text;
using Amazon.S3.Model;
using StudentMetrics.Cleaning;
using StudentMetrics.Functions.Clean;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Functions;

[Collection(StackCollection.Name)]
/// <summary>
/// The clean function's steps (<see cref="ObjectCleaner"/>) in the data bucket the templates deployed, with the clean
/// function's role: outputs, lineage, quarantine, redelivery. Each test uses keys of its own.
/// </summary>
public sealed class ObjectCleanerOverS3Tests(LocalStack stack) : IAsyncLifetime
{
    private const string Header = "student_id,school_id,grade_level,term,math_score,reading_score,science_score,gpa,days_enrolled,days_present,tardies,behavior_incidents,recorded_on";
    private FeedBucket _bucket = null!;

    public Task InitializeAsync()
    {
        _bucket = FeedBucket.InDeployedBucket(stack, ("district 7", ["SCH-1"]), ("s1", ["SCH-1"]));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _bucket.DisposeAsync();

    [Fact]
    public async Task A_clean_file_gets_clean_rejects_and_report_objects_with_lineage_metadata()
    {
        var content = Header + "\ns1,sch-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-10\nS2,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,not-a-date\n";
        const string key = "raw/district 7/fall+2024.csv";
        var version = await _bucket.PutAsync(key, content);

        var report = await CleanAsync(key);

        report.Status.ShouldBe(FileStatus.Cleaned);
        report.Source.Sha256.ShouldBe(Sha256(content));
        report.Source.VersionId.ShouldBe(version);
        report.Registration.ShouldNotBeNull().Source.ShouldBe("raw/district 7/");
        var clean = await _bucket.GetAsync("clean/district 7/fall+2024.csv");
        clean.Body.ShouldContain("S1,SCH-1,5,2024-2025-S1");
        var lineage = await _bucket.LineageOfAsync("clean/district 7/fall+2024.csv");
        lineage.RawKey.ShouldBe(key);
        lineage.Sha256.ShouldBe(Sha256(content));
        lineage.VersionId.ShouldBe(version);
        lineage.VersionOrdinal.ShouldBe(1);
        (await _bucket.GetAsync("rejects/district 7/fall+2024.csv")).Body.ShouldContain("recorded_on:unparseable_date");
        (await _bucket.GetAsync("reports/district 7/fall+2024.csv.report.json")).Body.ShouldContain("\"status\": \"cleaned\"");
    }

    [Fact]
    public async Task The_same_version_delivered_twice_is_cleaned_once()
    {
        const string key = "raw/s1/twice.csv";
        await _bucket.PutAsync(key, Header + "\nS1,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-10\n");
        var first = await _bucket.SettleAsync(key);
        var reportWritten = (await _bucket.S3.GetObjectMetadataAsync(_bucket.Name, "reports/s1/twice.csv.report.json")).LastModified;
        await Task.Delay(1100);

        var second = await _bucket.SettleAsync(key);

        first.Counted.ShouldBeTrue();
        second.Repeated.ShouldBeTrue();
        second.Counted.ShouldBeFalse("a redelivered event is not another file");
        second.Report.ShouldNotBeNull().StartedAt.ShouldBe(first.Report.ShouldNotBeNull().StartedAt);
        (await _bucket.S3.GetObjectMetadataAsync(_bucket.Name, "reports/s1/twice.csv.report.json")).LastModified.ShouldBe(reportWritten);
    }

    [Fact]
    public async Task A_new_version_of_the_same_key_is_cleaned_again()
    {
        const string key = "raw/s1/versions.csv";
        await _bucket.PutAsync(key, Header + "\nS1,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-10\n");
        await CleanAsync(key);
        await _bucket.PutAsync(key, Header + "\nS1,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-10\nS2,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-11\n");

        var report = await CleanAsync(key);

        report.RowsClean.ShouldBe(2);
        (await _bucket.GetAsync("clean/s1/versions.csv")).Body.ShouldContain("S2,SCH-1");
    }

    [Fact]
    public async Task A_quarantined_file_is_copied_aside_with_its_report_and_the_raw_object_is_untouched()
    {
        const string key = "raw/s1/wrong-export.csv";
        var content = "name,favourite_colour\nAda,green\n";
        await _bucket.PutAsync(key, content);
        var before = await _bucket.S3.GetObjectMetadataAsync(_bucket.Name, key);

        var report = await CleanAsync(key);

        report.Status.ShouldBe(FileStatus.Quarantined);
        report.Reason.ShouldNotBeNull().Message.ShouldContain("student_id");
        (await _bucket.GetAsync("quarantine/files/s1/wrong-export.csv")).Body.ShouldBe(content);
        (await _bucket.GetAsync("quarantine/reports/s1/wrong-export.csv.report.json")).Body.ShouldContain("\"status\": \"quarantined\"");
        (await _bucket.GetAsync("reports/s1/wrong-export.csv.report.json")).Body.ShouldContain("\"status\": \"quarantined\"");
        (await _bucket.ListAsync("clean/s1/wrong-export")).ShouldBeEmpty();
        (await _bucket.ListAsync("rejects/s1/wrong-export")).ShouldBeEmpty();
        var after = await _bucket.S3.GetObjectMetadataAsync(_bucket.Name, key);
        after.ETag.ShouldBe(before.ETag);
        after.VersionId.ShouldBe(before.VersionId);
    }

    [Fact]
    public async Task A_file_quarantined_for_too_many_rejects_keeps_its_rejected_rows_beside_it_not_under_rejects()
    {
        const string key = "raw/s1/mostly-bad.csv";
        await _bucket.PutAsync(key, Header + "\nS1,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-10\nS2,SCH-1,5,2024-2025-S1,180,70,60,3.1,90,88,1,0,2025-01-10\nS3,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,yesterday\n");

        var report = await CleanAsync(key);

        report.Status.ShouldBe(FileStatus.Quarantined);
        report.RowsRejected.ShouldBe(2);
        var rejects = (await _bucket.GetAsync("quarantine/rejects/s1/mostly-bad.csv")).Body;
        rejects.ShouldContain("math_score:out_of_range");
        rejects.ShouldContain("recorded_on:unparseable_date");
        (await _bucket.ListAsync("rejects/s1/mostly-bad")).ShouldBeEmpty();
        (await _bucket.ListAsync("clean/s1/mostly-bad")).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_output_larger_than_one_part_is_uploaded_in_parts_and_arrives_whole()
    {
        var content = new StringBuilder(Header).Append('\n');
        var rows = 0;
        while (content.Length < 20 * 1024 * 1024)
        {
            rows++;
            content.Append('S').Append(rows).Append(",SCH-1,5,2024-2025-S1,80.5,70,60,3.1,90,88,1,0,2025-01-10\n");
        }

        await _bucket.PutAsync("raw/s1/large.csv", content.ToString());

        var report = await CleanAsync("raw/s1/large.csv");

        report.RowsClean.ShouldBe(rows);
        var clean = await _bucket.GetAsync("clean/s1/large.csv");
        clean.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(rows + 1);
        clean.ETag.ShouldContain("-", customMessage: "a multipart object's ETag names its part count");
    }

    [Fact]
    public async Task A_file_quarantined_after_its_clean_output_went_up_in_parts_leaves_no_partial_upload_behind()
    {
        // More than one part of valid rows, then more rejected rows than valid ones: quarantined once the whole file
        // is read, after the clean output has started uploading in parts, which are then abandoned.
        var content = new StringBuilder(Header).Append('\n');
        var valid = 0;
        while (content.Length < 9 * 1024 * 1024)
        {
            valid++;
            content.Append('S').Append(valid).Append(",SCH-1,5,2024-2025-S1,80.5,70,60,3.1,90,88,1,0,2025-01-10\n");
        }

        for (var bad = 0; bad <= valid; bad++)
        {
            content.Append('B').Append(bad).Append(",SCH-1,5,2024-2025-S1,180,70,60,3.1,90,88,1,0,2025-01-10\n");
        }

        await _bucket.PutAsync("raw/s1/half-bad-large.csv", content.ToString());

        var report = await CleanAsync("raw/s1/half-bad-large.csv");

        report.Status.ShouldBe(FileStatus.Quarantined);
        (await _bucket.ListAsync("clean/s1/half-bad-large")).ShouldBeEmpty();
        var uploads = await _bucket.S3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket.Name, Prefix = "clean/s1/half-bad-large" });
        (uploads.MultipartUploads ?? []).ShouldBeEmpty("the clean output's parts were abandoned, not left to the lifecycle rule");
    }

    [Fact]
    public async Task A_missing_object_fails_and_writes_nothing()
    {
        await Should.ThrowAsync<FileNotFoundException>(() => CleanAsync("raw/s1/never-uploaded.csv"));
        foreach (var prefix in new[] { "clean/", "rejects/", "reports/", CleanOutputLayout.QuarantinedFiles, CleanOutputLayout.QuarantinedRejects, CleanOutputLayout.QuarantinedReports })
        {
            (await _bucket.ListAsync(prefix + "s1/never-uploaded")).ShouldBeEmpty(prefix);
        }
    }

    private static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private async Task<CleaningReport> CleanAsync(string key) => (await _bucket.SettleAsync(key)).Report.ShouldNotBeNull();
}
