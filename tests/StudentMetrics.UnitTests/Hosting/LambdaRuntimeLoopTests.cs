using System.Text;
using System.Text.Json;
using StudentMetrics.Hosting;
using StudentMetrics.Hosting.Lambda;

namespace StudentMetrics.UnitTests.Hosting;

public sealed class LambdaRuntimeLoopTests
{
    private readonly RecordingOutput _output = new();
    private readonly EchoFunction _function = new();

    [Fact]
    public async Task The_invocation_headers_reach_the_function_as_its_context_and_its_result_is_the_response()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        var client = new ScriptedRuntimeClient(Invocation("req-a", "{}", deadline, trace: "Root=1-abc;Sampled=1"));

        await RunAsync(client);

        var (requestId, body) = client.Responses.ShouldHaveSingleItem();
        requestId.ShouldBe("req-a");
        var echoed = JsonSerializer.Deserialize(body, EchoJsonContext.Default.DictionaryStringString)!;
        echoed["requestId"].ShouldBe("req-a");
        echoed["arn"].ShouldBe("arn:aws:lambda:us-east-1:123456789012:function:echo");
        echoed["trace"].ShouldBe("Root=1-abc;Sampled=1");
        echoed["traceVariable"].ShouldBe("Root=1-abc;Sampled=1");
        var context = _function.Contexts.ShouldHaveSingleItem();
        context.Deadline.ShouldBe(deadline);
        context.FunctionName.ShouldBe("echo");
    }

    [Fact]
    public async Task A_failing_invocation_is_reported_as_an_error_and_the_loop_serves_the_next()
    {
        var client = new ScriptedRuntimeClient(
            Invocation("req-1", """{"fail":"the object is gone"}"""),
            Invocation("req-2", "{}"));

        var exitCode = await RunAsync(client);

        var (failedId, error) = client.Errors.ShouldHaveSingleItem();
        failedId.ShouldBe("req-1");
        error.ErrorType.ShouldBe(nameof(InvalidOperationException));
        error.ErrorMessage.ShouldBe("the object is gone");
        error.StackTrace.ShouldNotBeEmpty();
        client.Responses.Select(r => r.RequestId).ShouldBe(["req-2"]);
        client.NextRequests.ShouldBe(3, "after both invocations the loop asked again");
        exitCode.ShouldBe(1, "the Runtime API went away");
        var failure = _output.Lines.Single(l => l.GetProperty("message").GetString() == "invocation failed");
        failure.GetProperty("requestId").GetString().ShouldBe("req-1");
    }

    [Fact]
    public async Task A_request_that_is_not_json_is_an_invocation_error_not_a_crash()
    {
        var client = new ScriptedRuntimeClient(Invocation("req-1", "not json"), Invocation("req-2", "{}"));

        await RunAsync(client);

        client.Errors.ShouldHaveSingleItem().Error.ErrorType.ShouldBe(nameof(JsonException));
        client.Responses.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task An_unknown_function_is_an_init_error_and_nothing_is_served()
    {
        var client = new ScriptedRuntimeClient(Invocation("req-1", "{}"));

        var exitCode = await new LambdaRuntimeLoop(client, _output.Log, _output.Metrics, TimeProvider.System).RunAsync(Catalog(), "nope", CancellationToken.None);

        exitCode.ShouldBe(1);
        var error = client.InitErrors.ShouldHaveSingleItem();
        error.ErrorType.ShouldBe("Runtime.NoSuchHandler");
        error.ErrorMessage.ShouldContain("echo");
        client.NextRequests.ShouldBe(0);
    }

    [Fact]
    public async Task A_function_that_fails_to_build_is_an_init_error()
    {
        var client = new ScriptedRuntimeClient();
        var catalog = new FunctionCatalog([FunctionRegistration.ForJson<Dictionary<string, string>, Dictionary<string, string>>(
            "broken", EchoJsonContext.Default.DictionaryStringString, EchoJsonContext.Default.DictionaryStringString,
            () => throw new InvalidOperationException("STUDENT_METRICS_DB is not set"))]);

        var exitCode = await new LambdaRuntimeLoop(client, _output.Log, _output.Metrics, TimeProvider.System).RunAsync(catalog, "broken", CancellationToken.None);

        exitCode.ShouldBe(1);
        client.InitErrors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("STUDENT_METRICS_DB is not set");
    }

    [Fact]
    public async Task The_cancellation_token_fires_a_margin_before_the_deadline()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var deadline = time.GetUtcNow().AddSeconds(3);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DateTimeOffset? cancelledAt = null;
        var client = new ScriptedRuntimeClient(Invocation("req-1", "{}", deadline));
        var catalog = new FunctionCatalog([FunctionRegistration.ForJson(
            "wait", EchoJsonContext.Default.DictionaryStringString, EchoJsonContext.Default.DictionaryStringString,
            () => new WaitForCancellationFunction(time, started, at => cancelledAt = at))]);

        var run = new LambdaRuntimeLoop(client, _output.Log, _output.Metrics, time).RunAsync(catalog, "wait", CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(2));
        var stillWorking = cancelledAt is null;
        time.Advance(TimeSpan.FromSeconds(1));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        stillWorking.ShouldBeTrue("two seconds into three, the function is not yet told to stop");
        cancelledAt.ShouldNotBeNull();
        // The margin is a tenth of the three seconds: the token fires at 2.7 s, while the function can still report.
        cancelledAt.Value.ShouldBe(deadline - TimeSpan.FromSeconds(0.3));
        client.Responses.ShouldHaveSingleItem().RequestId.ShouldBe("req-1");
    }

    [Theory]
    [InlineData(60_000, 2_000, 58_000)]
    [InlineData(5_000, 2_000, 4_500)]
    [InlineData(1_000, 2_000, 900)]
    [InlineData(-5, 2_000, 0)]
    public void The_margin_is_at_most_a_tenth_of_the_time_left(int remainingMs, int marginMs, int expectedMs)
    {
        var now = DateTimeOffset.UnixEpoch.AddDays(20_000);

        InvocationDeadline.CancelAfter(now.AddMilliseconds(remainingMs), now, TimeSpan.FromMilliseconds(marginMs))
            .ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
    }

    private Task<int> RunAsync(ScriptedRuntimeClient client) =>
        new LambdaRuntimeLoop(client, _output.Log, _output.Metrics, TimeProvider.System).RunAsync(Catalog(), "echo", CancellationToken.None);

    private FunctionCatalog Catalog() => new([FunctionRegistration.ForJson(
        "echo", EchoJsonContext.Default.DictionaryStringString, EchoJsonContext.Default.DictionaryStringString, () => _function)]);

    private static LambdaInvocation Invocation(string requestId, string payload, DateTimeOffset? deadline = null, string? trace = null) => new()
    {
        RequestId = requestId,
        Deadline = deadline ?? DateTimeOffset.UtcNow.AddMinutes(1),
        InvokedFunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:echo",
        TraceId = trace,
        Payload = Encoding.UTF8.GetBytes(payload),
    };
}
