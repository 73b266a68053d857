using System.Text.Json;
using StudentMetrics.Hosting.Events;

namespace StudentMetrics.UnitTests.Hosting;

public sealed class S3EventTests
{
    [Theory]
    [InlineData("raw/district+7/fall%2Bspring+2025.csv", "raw/district 7/fall+spring 2025.csv")]
    [InlineData("raw/%C3%89cole+Saint-Jean/t1.csv", "raw/École Saint-Jean/t1.csv")]
    [InlineData("raw/a%25b.csv", "raw/a%b.csv")]
    [InlineData("raw/plain.csv", "raw/plain.csv")]
    public void Object_keys_are_form_url_decoded_a_plus_being_a_space(string encoded, string expected) =>
        S3KeyDecoder.Decode(encoded).ShouldBe(expected);

    [Fact]
    public void A_direct_s3_event_parses_with_its_key_decoded()
    {
        var notification = S3Notification.Parse(Sample.S3Event("bucket-a", "raw/north+high/term%2B1.csv"));

        notification.IsTestEvent.ShouldBeFalse();
        var record = notification.Records.ShouldHaveSingleItem();
        record.IsObjectCreated.ShouldBeTrue();
        var reference = S3ObjectReference.From(record);
        reference.Bucket.ShouldBe("bucket-a");
        reference.Key.ShouldBe("raw/north high/term+1.csv");
        reference.Size.ShouldBe(1234);
        record.S3!.Object!.Key.ShouldBe("raw/north+high/term%2B1.csv", "the raw field keeps what S3 sent");
    }

    [Fact]
    public void The_s3_test_event_is_recognised_as_such()
    {
        var notification = S3Notification.Parse(Sample.S3TestEvent);

        notification.IsTestEvent.ShouldBeTrue();
        notification.Records.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"Message":"an SNS envelope"}""")]
    [InlineData("[1,2]")]
    public void A_body_that_is_no_s3_notification_is_refused(string body) =>
        Should.Throw<FormatException>(() => S3Notification.Parse(body));

    [Fact]
    public void A_record_without_a_key_is_refused()
    {
        var record = new S3EventRecord { EventName = "ObjectCreated:Put", S3 = new S3Entity { Bucket = new S3BucketEntity { Name = "b" } } };
        Should.Throw<FormatException>(() => S3ObjectReference.From(record));
    }

    [Fact]
    public void Events_are_told_apart_by_their_records_event_source()
    {
        IncomingEvent.Classify(Bytes(Sample.SqsBatch(("m1", Sample.S3Event("b", "raw/x.csv"))))).ShouldBe(IncomingEventKind.Sqs);
        IncomingEvent.Classify(Bytes(Sample.S3Event("b", "raw/x.csv"))).ShouldBe(IncomingEventKind.S3);
        IncomingEvent.Classify(Bytes(Sample.S3TestEvent)).ShouldBe(IncomingEventKind.S3Test);
        IncomingEvent.Classify(Bytes("""{"Records":[{"EventSource":"aws:sns"}]}""")).ShouldBe(IncomingEventKind.Unknown);
        IncomingEvent.Classify(Bytes("""{"detail-type":"Object Created"}""")).ShouldBe(IncomingEventKind.Unknown);
        IncomingEvent.Classify(Bytes("{")).ShouldBe(IncomingEventKind.Unknown);
    }

    [Fact]
    public void An_sqs_batch_parses_with_each_body_an_s3_notification()
    {
        var batch = JsonSerializer.Deserialize(Sample.SqsBatch(("m1", Sample.S3Event("b", "raw/a+b.csv")), ("m2", Sample.S3TestEvent)), LambdaEventJsonContext.Default.SqsEvent)!;

        batch.Records.Select(r => r.MessageId).ShouldBe(["m1", "m2"]);
        batch.Records[0].EventSource.ShouldBe("aws:sqs");
        batch.Records[0].EventSourceArn.ShouldBe("arn:aws:sqs:us-east-1:123456789012:raw-uploads");
        batch.Records[0].Attributes["ApproximateReceiveCount"].ShouldBe("1");
        S3ObjectReference.From(S3Notification.Parse(batch.Records[0].Body).Records[0]).Key.ShouldBe("raw/a b.csv");
        S3Notification.Parse(batch.Records[1].Body).IsTestEvent.ShouldBeTrue();
    }

    [Fact]
    public void A_partial_batch_response_is_written_in_the_shape_lambda_reads()
    {
        var response = new SqsBatchResponse { BatchItemFailures = [new SqsBatchItemFailure { ItemIdentifier = "m-2" }] };

        JsonSerializer.Serialize(response, LambdaEventJsonContext.Default.SqsBatchResponse)
            .ShouldBe("""{"batchItemFailures":[{"itemIdentifier":"m-2"}]}""");
        JsonSerializer.Serialize(new SqsBatchResponse(), LambdaEventJsonContext.Default.SqsBatchResponse)
            .ShouldBe("""{"batchItemFailures":[]}""");
    }

    private static byte[] Bytes(string json) => System.Text.Encoding.UTF8.GetBytes(json);
}
