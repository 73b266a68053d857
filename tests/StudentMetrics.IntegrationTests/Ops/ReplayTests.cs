using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>ops/replay.sh against the emulator: the event it queues is the one S3 sends, and the raw object is untouched.</summary>
[Collection(StackCollection.Name)]
public sealed class ReplayTests(LocalStack stack)
{
    [Fact]
    public async Task Replay_queues_the_S3_event_of_the_current_raw_object_without_touching_it()
    {
        var aws = stack.Cli();
        var bucket = "replay-" + Guid.NewGuid().ToString("N");
        const string key = "raw/district 7/fall+2025 (v2).csv";
        using var s3 = stack.CreateS3Client();
        await s3.PutBucketAsync(bucket);
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest
        {
            BucketName = bucket,
            VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled },
        });
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "student_id,term\nA1,2024-2025-S1\n" });
        var queueUrl = aws.Json("sqs", "create-queue", "--queue-name", bucket).GetProperty("QueueUrl").GetString()!;

        aws.Run(["ops/replay.sh", bucket, key, queueUrl], "bash");

        var body = aws.Json("sqs", "receive-message", "--queue-url", queueUrl, "--wait-time-seconds", "1")
            .GetProperty("Messages").EnumerateArray().ShouldHaveSingleItem().GetProperty("Body").GetString()!;
        using var message = JsonDocument.Parse(body);
        var record = message.RootElement.GetProperty("Records").EnumerateArray().ShouldHaveSingleItem();
        record.GetProperty("eventSource").GetString().ShouldBe("aws:s3");
        record.GetProperty("eventName").GetString().ShouldStartWith("ObjectCreated:");
        record.GetProperty("s3").GetProperty("bucket").GetProperty("name").GetString().ShouldBe(bucket);
        var s3Object = record.GetProperty("s3").GetProperty("object");
        Uri.UnescapeDataString(s3Object.GetProperty("key").GetString()!.Replace('+', ' ')).ShouldBe(key);
        s3Object.GetProperty("key").GetString().ShouldStartWith("raw/district+7/fall%2B2025+", Case.Sensitive, "S3 form-encodes keys: space as +, + as %2B");
        s3Object.GetProperty("size").GetInt64().ShouldBe(32);
        s3Object.GetProperty("eTag").GetString().ShouldBe(put.ETag.Trim('"'));
        s3Object.GetProperty("versionId").GetString().ShouldBe(put.VersionId);

        var versions = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Prefix = "raw/" });
        versions.Versions.ShouldHaveSingleItem().VersionId.ShouldBe(put.VersionId);
    }

    [Fact]
    public void Replay_refuses_a_key_outside_raw()
    {
        var aws = stack.Cli();

        Should.Throw<ShouldAssertException>(() => aws.Run(["ops/replay.sh", "any-bucket", "clean/file.csv", "http://unused"], "bash"))
            .Message.ShouldContain("KEY must be under raw/");
    }
}
