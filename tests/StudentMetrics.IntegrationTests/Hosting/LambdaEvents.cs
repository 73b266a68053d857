using System.Text.Json;
using System.Text.Json.Nodes;

namespace StudentMetrics.IntegrationTests.Hosting;

/// <summary>Events in the shapes S3 and Lambda's SQS event source mapping deliver them (see the AWS documentation's samples).</summary>
public static class LambdaEvents
{
    /// <param name="encodedKey">The key as S3 puts it in a notification: form-URL-encoded.</param>
    /// <param name="versionId">The version the event is about, as S3 sends it from a versioned bucket; none when null.</param>
    public static string S3ObjectCreated(string bucket, string encodedKey, long size = 100, string? versionId = null) => new JsonObject
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["eventVersion"] = "2.1",
            ["eventSource"] = "aws:s3",
            ["awsRegion"] = "us-east-1",
            ["eventTime"] = "2025-09-01T12:00:00.000Z",
            ["eventName"] = "ObjectCreated:Put",
            ["s3"] = new JsonObject
            {
                ["s3SchemaVersion"] = "1.0",
                ["configurationId"] = "raw-uploads",
                ["bucket"] = new JsonObject { ["name"] = bucket, ["arn"] = "arn:aws:s3:::" + bucket },
                ["object"] = versionId is null
                    ? new JsonObject { ["key"] = encodedKey, ["size"] = size, ["eTag"] = "0123456789abcdef", ["sequencer"] = "0A1B2C3D4E5F678901" }
                    : new JsonObject { ["key"] = encodedKey, ["size"] = size, ["eTag"] = "0123456789abcdef", ["versionId"] = versionId, ["sequencer"] = "0A1B2C3D4E5F678901" },
            },
        }),
    }.ToJsonString();

    public static string SqsBatch(params (string MessageId, string Body)[] messages) => new JsonObject
    {
        ["Records"] = new JsonArray(messages.Select(m => (JsonNode)new JsonObject
        {
            ["messageId"] = m.MessageId,
            ["receiptHandle"] = "AQEB" + m.MessageId,
            ["body"] = m.Body,
            ["attributes"] = new JsonObject
            {
                ["ApproximateReceiveCount"] = "1",
                ["SentTimestamp"] = "1756728000000",
                ["SenderId"] = "AIDAIENQZJOLO23YVJ4VO",
                ["ApproximateFirstReceiveTimestamp"] = "1756728000001",
            },
            ["messageAttributes"] = new JsonObject(),
            ["md5OfBody"] = "e4e68fb7bd0e697a0ae8f1bb342846b3",
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = "arn:aws:sqs:us-east-1:123456789012:raw-uploads",
            ["awsRegion"] = "us-east-1",
        }).ToArray()),
    }.ToJsonString();

    public static string S3TestEvent(string bucket) =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["Service"] = "Amazon S3",
            ["Event"] = "s3:TestEvent",
            ["Time"] = "2025-09-01T12:00:00.000Z",
            ["Bucket"] = bucket,
            ["RequestId"] = "5582815E1AEA5ADF",
            ["HostId"] = "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE",
        });
}
