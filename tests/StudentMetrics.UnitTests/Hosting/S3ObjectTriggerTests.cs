using System.Text;
using System.Text.Json;
using StudentMetrics.Hosting;
using StudentMetrics.Hosting.Events;

namespace StudentMetrics.UnitTests.Hosting;

public sealed class S3ObjectTriggerTests
{
    private readonly RecordingOutput _output = new();

    [Fact]
    public async Task Through_sqs_only_the_failed_message_is_returned_as_a_batch_item_failure()
    {
        var function = new RecordingS3Function("raw/missing.csv");
        var payload = Sample.SqsBatch(
            ("m-1", Sample.S3Event("b", "raw/one+1.csv")),
            ("m-2", Sample.S3Event("b", "raw/missing.csv")),
            ("m-3", Sample.S3Event("b", "raw/three%2B3.csv")));

        var response = await InvokeAsync(function, payload);

        response.BatchItemFailures.Select(f => f.ItemIdentifier).ShouldBe(["m-2"]);
        function.Handled.Select(o => o.Key).ShouldBe(["raw/one 1.csv", "raw/three+3.csv"]);
        var failure = _output.Lines.Single(l => l.TryGetProperty("message", out var m) && m.GetString() == "message failed");
        failure.GetProperty("messageId").GetString().ShouldBe("m-2");
        failure.GetProperty("requestId").GetString().ShouldBe("req-1");
        failure.GetProperty("errorType").GetString().ShouldBe(nameof(FileNotFoundException));
    }

    [Fact]
    public async Task Each_object_that_fails_is_counted_as_FilesFailed_for_its_function_and_nothing_else_is()
    {
        var function = new RecordingS3Function("raw/missing.csv");
        var payload = Sample.SqsBatch(
            ("m-1", Sample.S3Event("b", "raw/one.csv")),
            ("m-2", Sample.S3Event("b", "raw/missing.csv")),
            ("m-bad", "not an S3 notification"));

        await InvokeAsync(function, payload);

        var metric = _output.Lines.Where(l => l.TryGetProperty("_aws", out _)).ShouldHaveSingleItem();
        metric.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics")[0].GetProperty("Name").GetString().ShouldBe("FilesFailed");
        metric.GetProperty("FilesFailed").GetDouble().ShouldBe(1);
        metric.GetProperty("Function").GetString().ShouldBe("clean");
        metric.GetProperty("key").GetString().ShouldBe("raw/missing.csv");
    }

    [Fact]
    public async Task Delivered_directly_a_failed_object_is_counted_too()
    {
        var invoker = Create(new RecordingS3Function("raw/missing.csv"));

        await Should.ThrowAsync<FileNotFoundException>(() => invoker.InvokeAsync(Encoding.UTF8.GetBytes(Sample.S3Event("b", "raw/missing.csv")), Context()));

        _output.Lines.Single(l => l.TryGetProperty("_aws", out _)).GetProperty("FilesFailed").GetDouble().ShouldBe(1);
    }

    [Fact]
    public async Task The_s3_test_event_in_a_batch_is_ignored_and_not_a_failure()
    {
        var function = new RecordingS3Function();

        var response = await InvokeAsync(function, Sample.SqsBatch(("m-test", Sample.S3TestEvent), ("m-1", Sample.S3Event("b", "raw/a.csv"))));

        response.BatchItemFailures.ShouldBeEmpty();
        function.Handled.Select(o => o.Key).ShouldBe(["raw/a.csv"]);
        _output.Messages.ShouldContain("s3 test event ignored");
    }

    [Fact]
    public async Task A_message_whose_body_is_not_an_s3_notification_fails_alone()
    {
        var function = new RecordingS3Function();

        var response = await InvokeAsync(function, Sample.SqsBatch(("m-bad", "hello"), ("m-1", Sample.S3Event("b", "raw/a.csv"))));

        response.BatchItemFailures.Select(f => f.ItemIdentifier).ShouldBe(["m-bad"]);
        function.Handled.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Delivered_directly_a_failure_is_an_invocation_error()
    {
        var function = new RecordingS3Function("raw/missing.csv");
        var invoker = Create(function);

        await Should.ThrowAsync<FileNotFoundException>(() => invoker.InvokeAsync(Encoding.UTF8.GetBytes(Sample.S3Event("b", "raw/missing.csv")), Context()));
    }

    [Fact]
    public async Task Delivered_directly_a_success_handles_the_decoded_key()
    {
        var function = new RecordingS3Function();

        await Create(function).InvokeAsync(Encoding.UTF8.GetBytes(Sample.S3Event("b", "raw/a+b%2Bc.csv")), Context());

        function.Handled.ShouldHaveSingleItem().Key.ShouldBe("raw/a b+c.csv");
    }

    [Fact]
    public async Task Objects_outside_the_trigger_prefix_and_removals_are_skipped()
    {
        var function = new RecordingS3Function();

        var response = await InvokeAsync(function, Sample.SqsBatch(
            ("m-1", Sample.S3Event("b", "clean/a.csv")),
            ("m-2", Sample.S3Event("b", "raw/a.csv", eventName: "ObjectRemoved:Delete"))));

        response.BatchItemFailures.ShouldBeEmpty();
        function.Handled.ShouldBeEmpty();
        _output.Messages.ShouldBe(["object skipped: outside the trigger prefix", "event skipped: not an object creation"]);
    }

    [Fact]
    public async Task Near_the_deadline_the_messages_not_started_go_back_to_the_queue()
    {
        using var deadline = new CancellationTokenSource();
        var function = new RecordingS3Function { OnHandle = deadline.Cancel };

        var response = await InvokeAsync(
            function,
            Sample.SqsBatch(("m-1", Sample.S3Event("b", "raw/a.csv")), ("m-2", Sample.S3Event("b", "raw/b.csv")), ("m-3", Sample.S3Event("b", "raw/c.csv"))),
            deadline.Token);

        function.Handled.Count.ShouldBe(1);
        response.BatchItemFailures.Select(f => f.ItemIdentifier).ShouldBe(["m-2", "m-3"]);
    }

    [Fact]
    public async Task A_payload_of_another_kind_is_refused()
    {
        await Should.ThrowAsync<FormatException>(() => Create(new RecordingS3Function()).InvokeAsync("""{"detail-type":"Object Created"}"""u8.ToArray(), Context()));
    }

    private async Task<SqsBatchResponse> InvokeAsync(IS3ObjectFunction function, string payload, CancellationToken cancellationToken = default)
    {
        var bytes = await Create(function).InvokeAsync(Encoding.UTF8.GetBytes(payload), Context(cancellationToken));
        return JsonSerializer.Deserialize(bytes, LambdaEventJsonContext.Default.SqsBatchResponse)!;
    }

    private static IFunctionInvoker Create(IS3ObjectFunction function) =>
        new FunctionCatalog([FunctionRegistration.ForS3Objects("clean", "raw/", () => function)]).Get("clean").CreateInvoker();

    private FunctionContext Context(CancellationToken cancellationToken = default) => new()
    {
        FunctionName = "clean",
        RequestId = "req-1",
        Deadline = DateTimeOffset.UtcNow.AddMinutes(1),
        CancellationToken = cancellationToken,
        Log = _output.Log.For("clean", "req-1"),
        Metrics = _output.Metrics,
    };
}
