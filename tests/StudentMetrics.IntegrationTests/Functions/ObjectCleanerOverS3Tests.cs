using System.Security.Cryptography;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Aws.S3;
using StudentMetrics.Cleaning;
using StudentMetrics.Functions.Clean;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Functions;

[Collection(StackCollection.Name)]
/// <summary>
/// The clean function's steps (<see cref="ObjectCleaner"/>) against the data bucket the templates deployed, with the
/// clean function's role: outputs, lineage, quarantine, redelivery. Each test works under a folder of its own.
/// </summary>
public sealed class ObjectCleanerOverS3Tests(LocalStack stack) : IAsyncLifetime
{
    private const string Header = "student_id,school_id,grade_level,term,math_score,reading_score,science_score,gpa,days_enrolled,days_present,tardies,behavior_incidents,recorded_on";
    private readonly string _bucket = stack.Bucket;
    private readonly string _run = "cleaner-" + Guid.NewGuid().ToString("N")[..12];
    private readonly IAmazonS3 _s3 = stack.CreateS3Client();
    private readonly IAmazonS3 _asCleanFunction = stack.CreateS3Client(stack.AssumeRole(LocalStack.CleanRole));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _s3.Dispose();
        _asCleanFunction.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_clean_file_gets_clean_rejects_and_report_objects_with_lineage_metadata()
    {
        var content = Header + "\ns1,sch-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-10\nS2,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,not-a-date\n";
        var key = K("raw/district 7/fall+2024.csv");
        await PutAsync(key, content);

        var report = await CleanAsync(key, CancellationToken.None);

        report.Status.ShouldBe(FileStatus.Cleaned);
        report.Source.Sha256.ShouldBe(Sha256(content));
        var clean = await GetAsync(K("clean/district 7/fall+2024.csv"));
        clean.Body.ShouldContain("S1,SCH-1,5,2024-2025-S1");
        clean.Metadata[LineageMetadata.SourceKey].ShouldBe(key);
        clean.Metadata[LineageMetadata.SourceSha256].ShouldBe(Sha256(content));
        (await GetAsync(K("rejects/district 7/fall+2024.csv"))).Body.ShouldContain("recorded_on:unparseable_date");
        (await GetAsync(K("reports/district 7/fall+2024.csv.report.json"))).Body.ShouldContain("\"status\": \"cleaned\"");
    }

    [Fact]
    public async Task The_same_version_delivered_twice_is_cleaned_once()
    {
        var key = K("raw/twice.csv");
        await PutAsync(key, Header + "\nS1,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-10\n");
        var first = await CleanAsync(key, CancellationToken.None);
        var reportWritten = (await _s3.GetObjectMetadataAsync(_bucket, K("reports/twice.csv.report.json"))).LastModified;
        await Task.Delay(1100);

        var second = await CleanAsync(key, CancellationToken.None);

        second.StartedAt.ShouldBe(first.StartedAt);
        (await _s3.GetObjectMetadataAsync(_bucket, K("reports/twice.csv.report.json"))).LastModified.ShouldBe(reportWritten);
    }

    [Fact]
    public async Task A_new_version_of_the_same_key_is_cleaned_again()
    {
        var key = K("raw/versions.csv");
        await PutAsync(key, Header + "\nS1,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-10\n");
        await CleanAsync(key, CancellationToken.None);
        await PutAsync(key, Header + "\nS1,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-10\nS2,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-11\n");

        var report = await CleanAsync(key, CancellationToken.None);

        report.RowsClean.ShouldBe(2);
        (await GetAsync(K("clean/versions.csv"))).Body.ShouldContain("S2,SCH-1");
    }

    [Fact]
    public async Task A_quarantined_file_is_copied_aside_with_its_report_and_the_raw_object_is_untouched()
    {
        var key = K("raw/wrong-export.csv");
        var content = "name,favourite_colour\nAda,green\n";
        await PutAsync(key, content);
        var before = await _s3.GetObjectMetadataAsync(_bucket, key);

        var report = await CleanAsync(key, CancellationToken.None);

        report.Status.ShouldBe(FileStatus.Quarantined);
        report.Reason.ShouldNotBeNull().Message.ShouldContain("student_id");
        (await GetAsync(K("quarantine/wrong-export.csv"))).Body.ShouldBe(content);
        (await GetAsync(K("quarantine/wrong-export.csv.report.json"))).Body.ShouldContain("\"status\": \"quarantined\"");
        (await GetAsync(K("reports/wrong-export.csv.report.json"))).Body.ShouldContain("\"status\": \"quarantined\"");
        (await ListAsync(K("clean/"))).ShouldBeEmpty();
        (await ListAsync(K("rejects/"))).ShouldBeEmpty();
        var after = await _s3.GetObjectMetadataAsync(_bucket, key);
        after.ETag.ShouldBe(before.ETag);
        after.LastModified.ShouldBe(before.LastModified);
    }

    [Fact]
    public async Task A_file_quarantined_for_too_many_rejects_keeps_its_rejected_rows_beside_it_not_under_rejects()
    {
        var key = K("raw/mostly-bad.csv");
        await PutAsync(key, Header + "\nS1,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,2025-01-10\nS2,SCH-1,5,2024-2025-S1,180,70,60,3.1,90,88,1,0,2025-01-10\nS3,SCH-1,5,2024-2025-S1,80,70,60,3.1,90,88,1,0,yesterday\n");

        var report = await CleanAsync(key, CancellationToken.None);

        report.Status.ShouldBe(FileStatus.Quarantined);
        report.RowsRejected.ShouldBe(2);
        var rejects = (await GetAsync(K("quarantine/mostly-bad.csv.rejects.csv"))).Body;
        rejects.ShouldContain("math_score:out_of_range");
        rejects.ShouldContain("recorded_on:unparseable_date");
        (await ListAsync(K("rejects/"))).ShouldBeEmpty();
        (await ListAsync(K("clean/"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_output_larger_than_one_part_is_uploaded_in_parts_and_arrives_whole()
    {
        var content = new StringBuilder(Header).Append('\n');
        var rows = 0;
        while (content.Length < 20 * 1024 * 1024)
        {
            rows++;
            content.Append("S").Append(rows).Append(",SCH-1,5,2024-2025-S1,80.5,70,60,3.1,90,88,1,0,2025-01-10\n");
        }

        await PutAsync(K("raw/large.csv"), content.ToString());

        var report = await CleanAsync(K("raw/large.csv"), CancellationToken.None);

        report.RowsClean.ShouldBe(rows);
        var clean = await GetAsync(K("clean/large.csv"));
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

        await PutAsync(K("raw/half-bad-large.csv"), content.ToString());

        var report = await CleanAsync(K("raw/half-bad-large.csv"), CancellationToken.None);

        report.Status.ShouldBe(FileStatus.Quarantined);
        (await ListAsync(K("clean/"))).ShouldBeEmpty();
        var uploads = await _s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = _bucket, Prefix = K("clean/") });
        (uploads.MultipartUploads ?? []).ShouldBeEmpty("the clean output's parts were abandoned, not left to the lifecycle rule");
    }

    [Fact]
    public async Task A_missing_object_fails_and_writes_nothing()
    {
        await Should.ThrowAsync<AmazonS3Exception>(() => CleanAsync(K("raw/never-uploaded.csv"), CancellationToken.None));
        foreach (var prefix in new[] { K("clean/"), K("rejects/"), K("reports/"), K("quarantine/") })
        {
            (await ListAsync(prefix)).ShouldBeEmpty(prefix);
        }
    }

    private static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>A key under this test's own folder: raw/x.csv becomes raw/RUN/x.csv.</summary>
    private string K(string key) => key.Insert(key.IndexOf('/', StringComparison.Ordinal) + 1, _run + "/");

    private async Task<CleaningReport> CleanAsync(string key, CancellationToken cancellationToken)
    {
        var raw = await S3RawFile.OpenAsync(_asCleanFunction, _bucket, key, cancellationToken);
        return (await new ObjectCleaner(new S3FeedStore(_asCleanFunction, _bucket), new CleanerOptions()).CleanAsync(raw, cancellationToken)).Report;
    }

    private Task PutAsync(string key, string content) =>
        _s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, ContentBody = content });

    private async Task<(string Body, MetadataCollection Metadata, string ETag)> GetAsync(string key)
    {
        using var response = await _s3.GetObjectAsync(_bucket, key);
        using var reader = new StreamReader(response.ResponseStream);
        return (await reader.ReadToEndAsync(), response.Metadata, response.ETag);
    }

    private async Task<List<string>> ListAsync(string prefix) =>
        ((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix })).S3Objects ?? []).Select(o => o.Key).ToList();
}
