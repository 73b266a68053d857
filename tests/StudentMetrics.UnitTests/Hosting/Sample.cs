using System.Text.Json.Nodes;

namespace StudentMetrics.UnitTests.Hosting;

/// <summary>Events in the shapes of AWS's documented samples, with the values a test needs.</summary>
internal static class Sample
{
    public const string S3TestEvent = """
        {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2025-09-01T12:00:00.000Z","Bucket":"bucket-a","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE"}
        """;

    public static string S3Event(string bucket, string encodedKey, string eventName = "ObjectCreated:Put") => new JsonObject
    {
        ["Records"] = new JsonArray(new JsonObject
        {
            ["eventVersion"] = "2.1",
            ["eventSource"] = "aws:s3",
            ["awsRegion"] = "us-east-1",
            ["eventTime"] = "2025-09-01T12:00:00.000Z",
            ["eventName"] = eventName,
            ["s3"] = new JsonObject
            {
                ["s3SchemaVersion"] = "1.0",
                ["configurationId"] = "raw-uploads",
                ["bucket"] = new JsonObject { ["name"] = bucket, ["arn"] = "arn:aws:s3:::" + bucket },
                ["object"] = new JsonObject { ["key"] = encodedKey, ["size"] = 1234, ["eTag"] = "0123456789abcdef", ["sequencer"] = "0A1B2C3D4E5F678901" },
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
            ["attributes"] = new JsonObject { ["ApproximateReceiveCount"] = "1", ["SentTimestamp"] = "1756728000000" },
            ["messageAttributes"] = new JsonObject(),
            ["md5OfBody"] = "e4e68fb7bd0e697a0ae8f1bb342846b3",
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = "arn:aws:sqs:us-east-1:123456789012:raw-uploads",
            ["awsRegion"] = "us-east-1",
        }).ToArray()),
    }.ToJsonString();
}
