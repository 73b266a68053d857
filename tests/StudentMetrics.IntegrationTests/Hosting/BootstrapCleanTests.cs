using System.Text.Json;
using Amazon.S3.Model;
using StudentMetrics.Functions.Clean;
using StudentMetrics.IntegrationTests.Functions;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Hosting;

/// <summary>The AOT bootstrap as Lambda runs it: its own process, the Runtime API (emulated), S3 (moto) behind it.</summary>
[Collection(StackCollection.Name)]
public sealed class BootstrapCleanTests(LocalStack stack)
{
    private const string Export = """
        student_id,school_id,grade_level,term,math_score,days_enrolled,days_present,recorded_on
        s-001,sch1,9,2024-2025-S1,85,90,88,2025-01-15
        s-002,sch1,10,2024-2025-S1,70,abc,80,2025-01-15
        s-003,sch1,11,2024-2025-S1,70,90,85,2025-01-15

        """;

    [Fact]
    public async Task Cleans_an_sqs_wrapped_object_whose_key_has_a_space_and_a_plus_and_keeps_serving_after_failed_objects()
    {
        var bucket = stack.Bucket;
        var run = Guid.NewGuid().ToString("N")[..12];
        var rawKey = $"raw/{run}/district 7/fall+spring 2025.csv";
        var encodedKey = $"raw/{run}/district+7/fall%2Bspring+2025.csv";
        using var s3 = stack.CreateS3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = rawKey, ContentBody = Export.ReplaceLineEndings("\n") });
        await stack.PublishSourceRegistryAsync(FeedBucket.RegistryOf((run, ["SCH1"])));

        using var runtime = new RuntimeApiEmulator();
        using var bootstrap = StartBootstrap(runtime);

        await runtime.WaitForNextRequestsAsync(1, TimeSpan.FromSeconds(30));

        // 1. An SQS batch holding the S3 notification, plus the test event S3 sends when notifications are configured.
        var cleaned = await runtime.InvokeAsync(LambdaEvents.SqsBatch(
            ("msg-good", LambdaEvents.S3ObjectCreated(bucket, encodedKey)),
            ("msg-test", LambdaEvents.S3TestEvent(bucket))));
        cleaned.IsError.ShouldBeFalse(bootstrap.Stderr);
        BatchItemFailures(cleaned.Body).ShouldBeEmpty();

        using (var clean = await s3.GetObjectAsync(bucket, $"clean/{run}/district 7/fall+spring 2025.csv"))
        using (var reader = new StreamReader(clean.ResponseStream))
        {
            LineageMetadata.Decode(clean.Metadata["source-key"]).ShouldBe(rawKey);
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines.Length.ShouldBe(3, "a header and the two valid rows");
            lines.Skip(1).ShouldAllBe(line => line.StartsWith("S-00", StringComparison.Ordinal));
        }

        (await s3.GetObjectMetadataAsync(bucket, $"reports/{run}/district 7/fall+spring 2025.csv.report.json")).ContentLength.ShouldBeGreaterThan(0);

        var logs = bootstrap.JsonLines();
        var fileLog = logs.Single(l => Str(l, "message") == "file cleaned");
        Str(fileLog, "requestId").ShouldBe(cleaned.RequestId);
        Str(fileLog, "key").ShouldBe(rawKey);
        fileLog.GetProperty("rowsRead").GetInt64().ShouldBe(3);
        fileLog.GetProperty("rowsRejected").GetInt64().ShouldBe(1);
        logs.ShouldContain(l => Str(l, "message") == "s3 test event ignored" && Str(l, "requestId") == cleaned.RequestId);
        logs.Where(l => !l.TryGetProperty("_aws", out _) && l.TryGetProperty("requestId", out _))
            .ShouldAllBe(l => Str(l, "requestId") == cleaned.RequestId);

        var emf = logs.Single(l => l.TryGetProperty("_aws", out _));
        var directive = emf.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Str(directive, "Namespace").ShouldBe("StudentMetrics");
        directive.GetProperty("Dimensions")[0][0].GetString().ShouldBe("Function");
        var metricNames = directive.GetProperty("Metrics").EnumerateArray().Select(m => Str(m, "Name")!).ToList();
        metricNames.ShouldBe(["FilesCleaned", "FilesQuarantined", "RowsRead", "RowsClean", "RowsRejected", "RejectRatio", "Bytes", "DurationMs"]);
        foreach (var name in metricNames)
        {
            emf.GetProperty(name).ValueKind.ShouldBe(JsonValueKind.Number, name + " has its value beside the directive");
        }

        Str(emf, "Function").ShouldBe("clean");
        emf.GetProperty("FilesCleaned").GetDouble().ShouldBe(1);
        emf.GetProperty("RowsClean").GetDouble().ShouldBe(2);
        emf.GetProperty("RejectRatio").GetDouble().ShouldBe(1.0 / 3, 1e-9);
        emf.GetProperty("Bytes").GetDouble().ShouldBe(Export.ReplaceLineEndings("\n").Length);
        Str(emf, "requestId").ShouldBe(cleaned.RequestId);

        // 2. A missing object through SQS: that message alone comes back as a batch item failure.
        var missingViaSqs = await runtime.InvokeAsync(LambdaEvents.SqsBatch(
            ("msg-missing", LambdaEvents.S3ObjectCreated(bucket, "raw/not+there.csv")),
            ("msg-again", LambdaEvents.S3ObjectCreated(bucket, encodedKey))));
        missingViaSqs.IsError.ShouldBeFalse();
        BatchItemFailures(missingViaSqs.Body).ShouldBe(["msg-missing"]);
        await runtime.WaitForNextRequestsAsync(3, TimeSpan.FromSeconds(10));

        // 3. A missing object delivered directly by S3: an invocation error, in the shape Lambda expects.
        var missingDirect = await runtime.InvokeAsync(LambdaEvents.S3ObjectCreated(bucket, "raw/not+there+either.csv"));
        missingDirect.IsError.ShouldBeTrue();
        using (var error = JsonDocument.Parse(missingDirect.Body))
        {
            Str(error.RootElement, "errorMessage").ShouldNotBeNullOrWhiteSpace();
            Str(error.RootElement, "errorType").ShouldNotBeNullOrWhiteSpace();
            error.RootElement.GetProperty("stackTrace").ValueKind.ShouldBe(JsonValueKind.Array);
            missingDirect.ErrorTypeHeader.ShouldBe(Str(error.RootElement, "errorType"));
        }

        bootstrap.JsonLines().ShouldContain(l => Str(l, "message") == "invocation failed" && Str(l, "requestId") == missingDirect.RequestId);
        await runtime.WaitForNextRequestsAsync(4, TimeSpan.FromSeconds(10));

        // 4. The loop is still serving: the same object, delivered directly this time, succeeds.
        var afterError = await runtime.InvokeAsync(LambdaEvents.S3ObjectCreated(bucket, encodedKey));
        afterError.IsError.ShouldBeFalse(bootstrap.Stderr);
        await runtime.WaitForNextRequestsAsync(5, TimeSpan.FromSeconds(10));
        bootstrap.HasExited.ShouldBeFalse();
    }

    [Fact]
    public async Task Skips_folder_markers_other_buckets_and_stale_events_with_a_log_line_and_counts_each_version_once()
    {
        var source = "Escuela Niños " + Guid.NewGuid().ToString("N")[..8];
        var rawKey = $"raw/{source}/2025 otoño.csv";
        var encodedKey = System.Net.WebUtility.UrlEncode(rawKey).Replace("%2F", "/", StringComparison.Ordinal);
        await using var feed = FeedBucket.InDeployedBucket(stack, (source, ["SCH1"]));
        await stack.PublishSourceRegistryAsync(feed.Registry);
        var older = await feed.PutAsync(rawKey, Export.ReplaceLineEndings("\n"));
        var current = await feed.PutAsync(rawKey, Export.ReplaceLineEndings("\n") + "s-004,sch1,12,2024-2025-S1,70,90,85,2025-01-15\n");
        using var runtime = new RuntimeApiEmulator();
        using var bootstrap = StartBootstrap(runtime);
        await runtime.WaitForNextRequestsAsync(1, TimeSpan.FromSeconds(30));

        var handled = await runtime.InvokeAsync(LambdaEvents.SqsBatch(
            ("msg-current", LambdaEvents.S3ObjectCreated(feed.Name, encodedKey, versionId: current)),
            ("msg-stale", LambdaEvents.S3ObjectCreated(feed.Name, encodedKey, versionId: older)),
            ("msg-folder", LambdaEvents.S3ObjectCreated(feed.Name, "raw/s6/folder/")),
            ("msg-other-bucket", LambdaEvents.S3ObjectCreated("someone-elses-bucket", encodedKey)),
            ("msg-again", LambdaEvents.S3ObjectCreated(feed.Name, encodedKey, versionId: current))));

        handled.IsError.ShouldBeFalse(bootstrap.Stderr);
        BatchItemFailures(handled.Body).ShouldBeEmpty();
        using (var clean = await feed.S3.GetObjectAsync(feed.Name, $"clean/{source}/2025 otoño.csv"))
        {
            LineageMetadata.Decode(clean.Metadata["source-key"]).ShouldBe(rawKey);
            LineageMetadata.Decode(clean.Metadata["source-version"]).ShouldBe(current);
        }

        var logs = bootstrap.JsonLines();
        logs.ShouldContain(l => Str(l, "message") == "file cleaned" && Str(l, "key") == rawKey);
        logs.ShouldContain(l => Str(l, "message") == "stale event skipped: the version it names is no longer the key's current one"
            && Str(l, "eventVersion") == older && Str(l, "currentVersion") == current);
        logs.ShouldContain(l => Str(l, "message") == "object skipped: a folder marker, not a file" && Str(l, "key") == "raw/s6/folder/");
        logs.ShouldContain(l => Str(l, "message") == "object skipped: not in the pipeline's bucket" && Str(l, "bucket") == "someone-elses-bucket");
        logs.ShouldContain(l => Str(l, "message") == "file already cleaned: event delivered again");
        var metrics = logs.Where(l => l.TryGetProperty("_aws", out _)).ToList();
        metrics.Count(m => m.TryGetProperty("FilesCleaned", out _)).ShouldBe(1, "the version is counted once, whatever the deliveries");
        metrics.Single(m => m.TryGetProperty("StaleEvents", out _)).GetProperty("StaleEvents").GetDouble().ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_function_is_reported_as_an_init_error_and_the_process_exits()
    {
        using var runtime = new RuntimeApiEmulator();
        using var bootstrap = StartBootstrap(runtime, function: "no-such-function");

        var initError = await runtime.InitError.WaitAsync(TimeSpan.FromSeconds(60));
        initError.ErrorTypeHeader.ShouldBe("Runtime.NoSuchHandler");
        using (var error = JsonDocument.Parse(initError.Body))
        {
            var message = Str(error.RootElement, "errorMessage") ?? "";
            message.ShouldContain("no-such-function");
            message.ShouldContain("clean");
        }

        (await bootstrap.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBeTrue();
        bootstrap.ExitCode.ShouldNotBe(0);
        runtime.NextRequests.ShouldBe(0);
    }

    // As Lambda starts it: the credentials of the function's role (from the template) in the environment.
    private BootstrapProcess StartBootstrap(RuntimeApiEmulator runtime, string function = "clean") => StartBootstrap(runtime, function, stack.AssumeRole(LocalStack.CleanRole));

    private BootstrapProcess StartBootstrap(RuntimeApiEmulator runtime, string function, Amazon.Runtime.ImmutableCredentials role) => new(
        new Dictionary<string, string?>
        {
            ["STUDENT_METRICS_BUCKET"] = stack.Bucket,
            ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
            ["STUDENT_METRICS_FUNCTION"] = function,
            ["AWS_ENDPOINT_URL"] = stack.AwsEndpoint,
            ["AWS_REGION"] = stack.Settings["AWS_REGION"],
            ["AWS_ACCESS_KEY_ID"] = role.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = role.SecretKey,
            ["AWS_SESSION_TOKEN"] = role.Token,
        });

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> BatchItemFailures(string body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("batchItemFailures").EnumerateArray().Select(f => f.GetProperty("itemIdentifier").GetString()!).ToList();
    }
}
