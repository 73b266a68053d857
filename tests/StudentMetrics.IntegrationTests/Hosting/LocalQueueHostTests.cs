using System.Text.Json;
using Amazon.S3.Model;
using StudentMetrics.Aws;
using StudentMetrics.Aws.Sqs;
using StudentMetrics.Functions;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Local;
using StudentMetrics.IntegrationTests.Functions;
using StudentMetrics.Hosting.Observability;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Hosting;

/// <summary>
/// The functions on a laptop: the upload queue the templates deployed, drained through the same catalog as in Lambda,
/// the host polling and the clean function running with the clean function's role.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class LocalQueueHostTests(LocalStack stack)
{
    private const string Export = "student_id,school_id,grade_level,term,days_enrolled,recorded_on\ns-1,sch1,9,2024-2025-S1,90,2025-01-15\n";

    [Fact]
    public async Task Draining_a_queue_cleans_each_notified_object_deletes_what_succeeded_and_leaves_the_failure()
    {
        var bucket = stack.Bucket;
        var run = Guid.NewGuid().ToString("N")[..12];
        using var s3 = stack.CreateS3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"raw/{run}/east side/q1+q2.csv", ContentBody = Export });
        await stack.PublishSourceRegistryAsync(FeedBucket.RegistryOf((run, ["SCH1"])));
        stack.PurgeUploadQueue(); // the upload's own notification: this test sends the events itself
        var queueUrl = stack.UploadQueueUrl;
        using var sender = new SqsClient(AwsSettings.FromEnvironment());
        await sender.SendMessageAsync(queueUrl, LambdaEvents.S3TestEvent(bucket), CancellationToken.None);
        await sender.SendMessageAsync(queueUrl, LambdaEvents.S3ObjectCreated(bucket, $"raw/{run}/east+side/q1%2Bq2.csv"), CancellationToken.None);
        await sender.SendMessageAsync(queueUrl, LambdaEvents.S3ObjectCreated(bucket, $"raw/{run}/gone.csv"), CancellationToken.None);
        var logged = new StringWriter();
        var output = new JsonLinesOutput(logged);
        var cleanRole = stack.RoleSettings(LocalStack.CleanRole);
        using var sqs = new SqsClient(cleanRole);
        using var host = new LocalQueueHost(sqs, ProductFunctions.Create(() => cleanRole.WithDataBucket(bucket)), new JsonLog(output, TimeProvider.System), new EmbeddedMetrics(output, TimeProvider.System, "StudentMetrics"));

        var result = await host.DrainAsync(queueUrl, "clean", CancellationToken.None);

        result.MessagesReceived.ShouldBe(3);
        result.MessagesSucceeded.ShouldBe(2);
        result.MessagesFailed.ShouldBe(1);
        result.Invocations.ShouldBeGreaterThanOrEqualTo(1);
        (await s3.GetObjectMetadataAsync(bucket, $"clean/{run}/east side/q1+q2.csv")).Metadata["source-key"].ShouldBe(LineageMetadata.Encode($"raw/{run}/east side/q1+q2.csv"));
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], CancellationToken.None);
        attributes["ApproximateNumberOfMessages"].ShouldBe("0");
        attributes["ApproximateNumberOfMessagesNotVisible"].ShouldBe("1", "the failed message waits for its retry");

        var lines = logged.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var failed = lines.Single(l => l.TryGetProperty("message", out var m) && m.GetString() == "message failed");
        var cleaned = lines.Single(l => l.TryGetProperty("message", out var m) && m.GetString() == "file cleaned");
        cleaned.GetProperty("key").GetString().ShouldBe($"raw/{run}/east side/q1+q2.csv");
        var metrics = lines.Where(l => l.TryGetProperty("_aws", out _)).ToList();
        metrics.Count.ShouldBe(2, "one file cleaned, one failed");
        metrics.Single(l => l.TryGetProperty("FilesFailed", out _)).GetProperty("key").GetString().ShouldBe($"raw/{run}/gone.csv");
        failed.GetProperty("requestId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Serving_handles_messages_as_they_arrive_until_stopped()
    {
        var bucket = stack.Bucket;
        var run = Guid.NewGuid().ToString("N")[..12];
        using var s3 = stack.CreateS3Client();
        await stack.PublishSourceRegistryAsync(FeedBucket.RegistryOf((run, ["SCH1"])));
        stack.PurgeUploadQueue();
        var cleanRole = stack.RoleSettings(LocalStack.CleanRole);
        using var sqs = new SqsClient(cleanRole);
        var output = new JsonLinesOutput(new StringWriter());
        using var host = new LocalQueueHost(sqs, ProductFunctions.Create(() => cleanRole.WithDataBucket(bucket)), new JsonLog(output, TimeProvider.System), new EmbeddedMetrics(output, TimeProvider.System, "StudentMetrics"));
        using var stop = new CancellationTokenSource();

        var serving = host.ServeAsync(stack.UploadQueueUrl, "clean", stop.Token);
        // The upload's own notification reaches the queue, as in AWS.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"raw/{run}/later.csv", ContentBody = Export });
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await ExistsAsync(s3, bucket, $"reports/{run}/later.csv.report.json") && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
        }

        await stop.CancelAsync();
        var result = await serving.WaitAsync(TimeSpan.FromSeconds(30));

        result.MessagesSucceeded.ShouldBe(1);
        result.MessagesFailed.ShouldBe(0);
    }

    [Fact]
    public async Task A_received_message_carries_the_system_attributes_lambda_passes_on()
    {
        using var sqs = new SqsClient(AwsSettings.FromEnvironment());
        var queueUrl = await sqs.CreateQueueAsync("attributes-" + Guid.NewGuid().ToString("N")[..8], null, CancellationToken.None);
        var sent = await sqs.SendMessageAsync(queueUrl, "{\"hello\":1}", CancellationToken.None);

        var received = (await sqs.ReceiveMessagesAsync(queueUrl, 10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), CancellationToken.None)).ShouldHaveSingleItem();

        received.MessageId.ShouldBe(sent);
        received.Body.ShouldBe("{\"hello\":1}");
        var attributes = received.Attributes.ShouldNotBeNull();
        attributes["ApproximateReceiveCount"].ShouldBe("1");
        attributes.ShouldContainKey("SentTimestamp");
        await sqs.DeleteMessageAsync(queueUrl, received.ReceiptHandle, CancellationToken.None);
        (await sqs.ReceiveMessagesAsync(queueUrl, 10, TimeSpan.Zero, TimeSpan.FromSeconds(30), CancellationToken.None)).ShouldBeEmpty();
    }

    private static async Task<bool> ExistsAsync(Amazon.S3.IAmazonS3 s3, string bucket, string key)
    {
        try
        {
            await s3.GetObjectMetadataAsync(bucket, key);
            return true;
        }
        catch (Amazon.S3.AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
