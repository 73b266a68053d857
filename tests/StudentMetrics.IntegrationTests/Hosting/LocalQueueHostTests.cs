using System.Text.Json;
using Amazon.S3.Model;
using StudentMetrics.Aws;
using StudentMetrics.Aws.Sqs;
using StudentMetrics.Functions;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Local;
using StudentMetrics.Hosting;
using StudentMetrics.IntegrationTests.Functions;
using StudentMetrics.Hosting.Observability;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Hosting;

/// <summary>The functions on a laptop: an SQS queue in the emulator, drained through the same catalog as in Lambda.</summary>
[Collection(StackCollection.Name)]
public sealed class LocalQueueHostTests(LocalStack stack)
{
    private const string Export = "student_id,school_id,grade_level,term,days_enrolled,recorded_on\ns-1,sch1,9,2024-2025-S1,90,2025-01-15\n";

    [Fact]
    public async Task Draining_a_queue_cleans_each_notified_object_deletes_what_succeeded_and_leaves_the_failure()
    {
        await using var feed = await FeedBucket.CreateAsync(stack, "local-host", ("east side", ["SCH1"]));
        var (s3, bucket) = (feed.S3, feed.Name);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "raw/east side/q1+q2.csv", ContentBody = Export });
        using var sqs = new SqsClient(AwsSettings.FromEnvironment());
        var queueUrl = await sqs.CreateQueueAsync("raw-uploads-" + Guid.NewGuid().ToString("N")[..8], null, CancellationToken.None);
        await sqs.SendMessageAsync(queueUrl, LambdaEvents.S3TestEvent(bucket), CancellationToken.None);
        await sqs.SendMessageAsync(queueUrl, LambdaEvents.S3ObjectCreated(bucket, "raw/east+side/q1%2Bq2.csv"), CancellationToken.None);
        await sqs.SendMessageAsync(queueUrl, LambdaEvents.S3ObjectCreated(bucket, "raw/gone.csv"), CancellationToken.None);
        var logged = new StringWriter();
        var output = new JsonLinesOutput(logged);
        using var host = new LocalQueueHost(sqs, FunctionsIn(bucket), new JsonLog(output, TimeProvider.System), new EmbeddedMetrics(output, TimeProvider.System, "StudentMetrics"));

        var result = await host.DrainAsync(queueUrl, "clean", CancellationToken.None);

        result.MessagesReceived.ShouldBe(3);
        result.MessagesSucceeded.ShouldBe(2);
        result.MessagesFailed.ShouldBe(1);
        result.Invocations.ShouldBeGreaterThanOrEqualTo(1);
        LineageMetadata.Decode((await s3.GetObjectMetadataAsync(bucket, "clean/east side/q1+q2.csv")).Metadata["source-key"]).ShouldBe("raw/east side/q1+q2.csv");
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], CancellationToken.None);
        attributes["ApproximateNumberOfMessages"].ShouldBe("0");
        attributes["ApproximateNumberOfMessagesNotVisible"].ShouldBe("1", "the failed message waits for its retry");

        var lines = logged.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var failed = lines.Single(l => l.TryGetProperty("message", out var m) && m.GetString() == "message failed");
        var cleaned = lines.Single(l => l.TryGetProperty("message", out var m) && m.GetString() == "file cleaned");
        cleaned.GetProperty("key").GetString().ShouldBe("raw/east side/q1+q2.csv");
        lines.Count(l => l.TryGetProperty("_aws", out _)).ShouldBe(1);
        failed.GetProperty("requestId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Serving_handles_messages_as_they_arrive_until_stopped()
    {
        await using var feed = await FeedBucket.CreateAsync(stack, "local-serve", ("s1", ["SCH1"]));
        var (s3, bucket) = (feed.S3, feed.Name);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "raw/s1/later.csv", ContentBody = Export });
        using var sqs = new SqsClient(AwsSettings.FromEnvironment());
        var queueUrl = await sqs.CreateQueueAsync("serve-" + Guid.NewGuid().ToString("N")[..8], null, CancellationToken.None);
        var output = new JsonLinesOutput(new StringWriter());
        using var host = new LocalQueueHost(sqs, FunctionsIn(bucket), new JsonLog(output, TimeProvider.System), new EmbeddedMetrics(output, TimeProvider.System, "StudentMetrics"));
        using var stop = new CancellationTokenSource();

        var serving = host.ServeAsync(queueUrl, "clean", stop.Token);
        await sqs.SendMessageAsync(queueUrl, LambdaEvents.S3ObjectCreated(bucket, "raw/s1/later.csv"), CancellationToken.None);
        var until = DateTime.UtcNow.AddSeconds(60);
        // Handled means deleted from the queue: the report alone is there a moment before the function returns.
        while ((!await ExistsAsync(s3, bucket, "reports/s1/later.csv.report.json") || await InQueueAsync(sqs, queueUrl) > 0) && DateTime.UtcNow < until)
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

    private static FunctionCatalog FunctionsIn(string bucket) => ProductFunctions.For(() => AwsSettings.FromEnvironment().WithDataBucket(bucket));

    private static async Task<int> InQueueAsync(SqsClient sqs, string queueUrl)
    {
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], CancellationToken.None);
        return int.Parse(attributes["ApproximateNumberOfMessages"], System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(attributes["ApproximateNumberOfMessagesNotVisible"], System.Globalization.CultureInfo.InvariantCulture);
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
