using System.Text;
using StudentMetrics.Aws.S3;
using StudentMetrics.Cleaning;
using StudentMetrics.Functions.Clean;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Functions;

/// <summary>
/// Whatever order events come in and however runs overlap, a key's outputs end as those of the version it holds: an
/// older version's run loses, visibly (it is reported superseded), and never overwrites the newer version's outputs.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class LatestVersionWinsTests(LocalStack stack) : IAsyncLifetime
{
    private const string Key = "raw/s1/export.csv";
    private const string Header = "student_id,school_id,grade_level,term,days_enrolled,recorded_on";
    private static readonly string Older = Header + "\nS1,SCH-1,5,2024-2025-S1,90,2025-01-10\n";
    private static readonly string Newer = Header + "\nS1,SCH-1,5,2024-2025-S1,90,2025-01-10\nS2,SCH-1,6,2024-2025-S1,91,2025-01-11\n";
    private FeedBucket _bucket = null!;

    public async Task InitializeAsync() => _bucket = await FeedBucket.CreateAsync(stack, "latest", ("s1", ["SCH-1"]));

    public async Task DisposeAsync() => await _bucket.DisposeAsync();

    [Fact]
    public async Task An_older_version_cleaned_more_slowly_than_the_newer_one_loses_and_writes_nothing()
    {
        var v1 = await _bucket.PutAsync(Key, Older);
        var raws = new GatedRawObjects(new S3RawObjects(_bucket.S3, _bucket.Name));
        var slow = _bucket.Cleaner(raws: raws).SettleAsync(new CleanRequest(Key), CancellationToken.None);
        await raws.Arrived.WaitAsync(TimeSpan.FromSeconds(30));

        var v2 = await _bucket.PutAsync(Key, Newer);
        var fast = await _bucket.SettleAsync(Key);
        raws.Open();
        var late = await slow;

        fast.Report.ShouldNotBeNull().Source.VersionId.ShouldBe(v2);
        late.Superseded.ShouldHaveSingleItem().VersionId.ShouldBe(v1);
        late.Superseded[0].NewerVersionId.ShouldBe(v2);
        late.Repeated.ShouldBeTrue("the slow run then finds the newer version settled");
        late.Counted.ShouldBeFalse();
        await ShouldHoldTheOutputsOfAsync(v2, Newer);
    }

    [Fact]
    public async Task An_older_version_whose_write_comes_after_the_newer_versions_fails_its_conditional_write()
    {
        var v1 = await _bucket.PutAsync(Key, Older);
        var store = new GatedFeedStore(new S3FeedStore(_bucket.S3, _bucket.Name));
        var slow = _bucket.Cleaner(store: store).SettleAsync(new CleanRequest(Key), CancellationToken.None);
        await store.Arrived.WaitAsync(TimeSpan.FromSeconds(30));

        // The slow run has checked that its version is current and is about to write: only S3's condition stops it now.
        var v2 = await _bucket.PutAsync(Key, Newer);
        await _bucket.SettleAsync(Key);
        store.Open();
        var late = await slow;

        late.Superseded.ShouldHaveSingleItem().VersionId.ShouldBe(v1);
        late.Superseded[0].Reason.ShouldContain("another run changed it");
        await ShouldHoldTheOutputsOfAsync(v2, Newer);
    }

    [Fact]
    public async Task Where_writes_cannot_be_conditional_the_run_that_lost_settles_the_key_again_for_the_newer_version()
    {
        var v1 = await _bucket.PutAsync(Key, Older);
        var store = new GatedFeedStore(new S3FeedStore(_bucket.S3, _bucket.Name), conditional: false);
        var slow = _bucket.Cleaner(store: store).SettleAsync(new CleanRequest(Key), CancellationToken.None);
        await store.Arrived.WaitAsync(TimeSpan.FromSeconds(30));

        var v2 = await _bucket.PutAsync(Key, Newer);
        await _bucket.SettleAsync(Key);
        store.Open();
        var late = await slow;

        late.Superseded.ShouldHaveSingleItem().VersionId.ShouldBe(v1);
        late.Report.ShouldNotBeNull().Source.VersionId.ShouldBe(v2);
        await ShouldHoldTheOutputsOfAsync(v2, Newer);
    }

    [Fact]
    public async Task An_event_naming_a_version_the_key_no_longer_holds_is_skipped_before_any_work()
    {
        var v1 = await _bucket.PutAsync(Key, Older);
        await _bucket.PutAsync(Key, Newer);

        var outcome = await _bucket.SettleAsync(Key, eventVersionId: v1);

        outcome.StaleEventVersionId.ShouldBe(v1);
        outcome.Report.ShouldBeNull();
        outcome.Counted.ShouldBeFalse();
        (await _bucket.ListAsync()).ShouldBe([Key]);
    }

    [Fact]
    public async Task A_later_version_set_aside_removes_the_cleaned_outputs_and_a_later_clean_one_removes_the_quarantine()
    {
        await _bucket.PutAsync(Key, Older);
        await _bucket.SettleAsync(Key);
        var wrong = await _bucket.PutAsync(Key, "name,colour\nAda,green\n");

        (await _bucket.SettleAsync(Key)).Report.ShouldNotBeNull().Status.ShouldBe(FileStatus.Quarantined);
        (await _bucket.ListAsync()).ShouldBe(["quarantine/files/s1/export.csv", "quarantine/reports/s1/export.csv.report.json", Key, "reports/s1/export.csv.report.json"]);
        (await KeyOutputs.ReadAsync(_bucket, Key)).ShouldBe(await KeyOutputs.FromScratchAsync(stack, _bucket, Key, Encoding.UTF8.GetBytes("name,colour\nAda,green\n")));

        var fixedVersion = await _bucket.PutAsync(Key, Newer);
        (await _bucket.SettleAsync(Key)).Report.ShouldNotBeNull().Status.ShouldBe(FileStatus.Cleaned);
        (await _bucket.ListAsync()).ShouldBe(["clean/s1/export.csv", Key, "rejects/s1/export.csv", "reports/s1/export.csv.report.json"]);
        wrong.ShouldNotBe(fixedVersion);
        await ShouldHoldTheOutputsOfAsync(fixedVersion, Newer);
    }

    [Fact]
    public async Task Uploading_an_older_exports_exact_bytes_again_makes_them_current_again()
    {
        await _bucket.PutAsync(Key, Older);
        await _bucket.SettleAsync(Key);
        await _bucket.PutAsync(Key, Newer);
        await _bucket.SettleAsync(Key);
        var again = await _bucket.PutAsync(Key, Older);

        var outcome = await _bucket.SettleAsync(Key);

        outcome.Counted.ShouldBeTrue("a new version, though its bytes were seen before");
        outcome.Report.ShouldNotBeNull().RowsClean.ShouldBe(1);
        await ShouldHoldTheOutputsOfAsync(again, Older);
        var lineage = await _bucket.LineageOfAsync("clean/s1/export.csv");
        lineage.VersionOrdinal.ShouldBe(3);
    }

    [Fact]
    public async Task Outputs_disturbed_after_a_version_was_settled_are_made_again_on_the_next_event_and_not_counted_again()
    {
        var version = await _bucket.PutAsync(Key, Newer);
        (await _bucket.SettleAsync(Key)).Counted.ShouldBeTrue();
        await _bucket.S3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = _bucket.Name, Key = "clean/s1/export.csv", ContentBody = "not the cleaner's\n" });
        await _bucket.S3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = _bucket.Name, Key = "quarantine/files/s1/export.csv", ContentBody = "a stray copy\n" });

        var outcome = await _bucket.SettleAsync(Key);

        outcome.Repeated.ShouldBeFalse();
        outcome.Counted.ShouldBeFalse("the version was counted when it was first cleaned");
        await ShouldHoldTheOutputsOfAsync(version, Newer);
    }

    [Fact]
    public async Task Every_output_carries_the_version_its_upload_time_its_place_among_the_keys_versions_and_the_events_sequencer()
    {
        await _bucket.PutAsync(Key, Older);
        var v2 = await _bucket.PutAsync(Key, Newer);
        var head = await _bucket.S3.GetObjectMetadataAsync(_bucket.Name, Key);

        await _bucket.Cleaner().SettleAsync(new CleanRequest(Key, v2, "0062D5A1B2C3D4E5F6"), CancellationToken.None);

        foreach (var output in new[] { "clean/s1/export.csv", "rejects/s1/export.csv", "reports/s1/export.csv.report.json" })
        {
            var lineage = await _bucket.LineageOfAsync(output);
            lineage.VersionId.ShouldBe(v2);
            lineage.UploadedAt.ShouldBe(new DateTimeOffset(DateTime.SpecifyKind(head.LastModified!.Value.ToUniversalTime(), DateTimeKind.Utc)));
            lineage.VersionOrdinal.ShouldBe(2);
            lineage.Sequencer.ShouldBe("0062D5A1B2C3D4E5F6");
            lineage.RawKey.ShouldBe(Key);
        }
    }

    /// <summary>The key's outputs are exactly what cleaning that version from scratch gives, and every one says it is that version's.</summary>
    private async Task ShouldHoldTheOutputsOfAsync(string versionId, string content)
    {
        var outputs = await KeyOutputs.ReadAsync(_bucket, Key);
        outputs.ShouldBe(await KeyOutputs.FromScratchAsync(stack, _bucket, Key, Encoding.UTF8.GetBytes(content)));
        foreach (var output in outputs.Keys)
        {
            (await _bucket.LineageOfAsync(output)).VersionId.ShouldBe(versionId, output);
        }
    }
}
