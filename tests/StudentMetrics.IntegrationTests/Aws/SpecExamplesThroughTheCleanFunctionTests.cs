using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Aws;
using StudentMetrics.Cleaning;
using StudentMetrics.Functions;
using StudentMetrics.IntegrationTests.Functions;
using StudentMetrics.Hosting;
using StudentMetrics.Hosting.Observability;
using StudentMetrics.IntegrationTests.Hosting;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Aws;

/// <summary>
/// Every example of tests/fixtures/spec-examples, uploaded to S3 and handed to the <c>clean</c> function as the S3 event
/// Lambda delivers, through the same catalog the Lambda image dispatches with; then held to the same expectations as
/// the command line.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SpecExamplesThroughTheCleanFunctionTests(LocalStack stack) : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..12];
    private FeedBucket _feed = null!;

    // The function as Lambda runs it: with the role the pipeline template gives it, in the bucket the storage stack made.
    private readonly FunctionCatalog _functions = ProductFunctions.Create(() => stack.RoleSettings(LocalStack.CleanRole).WithDataBucket(stack.Bucket));

    public static TheoryData<string> Examples() => new(SpecExampleCorpus.Names());

    private IAmazonS3 S3 => _feed.S3;

    private string Bucket => _feed.Name;

    // The examples come from one source permitted every school their cleaned rows name.
    // The clean function reads the registry from the bucket, as in AWS: published there before the examples run.
    public async Task InitializeAsync()
    {
        _feed = FeedBucket.InDeployedBucket(stack, ("spec examples", [.. SchoolsOfCleanRows()]));
        await stack.PublishSourceRegistryAsync(_feed.Registry);
    }

    public async Task DisposeAsync() => await _feed.DisposeAsync();

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task The_clean_function_cleans_the_example_as_its_expectation_says(string name)
    {
        var expected = SpecExampleCorpus.Expectation(name);
        var raw = await File.ReadAllBytesAsync(SpecExampleCorpus.RawPath(name));
        // A key as schools name files: a space and a plus, which the event carries form-URL-encoded.
        var rest = $"spec examples/{_run}/{name}+v1.csv";
        await S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = "raw/" + rest, InputStream = new MemoryStream(raw) });

        await InvokeCleanAsync(LambdaEvents.S3ObjectCreated(Bucket, WebUtility.UrlEncode("raw/" + rest), raw.Length));

        var report = JsonDocument.Parse(await ReadAsync("reports/" + rest + ".report.json") ?? "{}").RootElement;
        SpecExampleCorpus.CheckReport(expected, report);
        var clean = await ReadAsync("clean/" + rest);
        var rejects = await ReadAsync("rejects/" + rest);
        if (expected.GetProperty("status").GetString() == "cleaned")
        {
            clean.ShouldNotBeNull();
            rejects.ShouldNotBeNull();
            SpecExampleCorpus.CheckOutputs(expected, clean, rejects);
        }
        else
        {
            clean.ShouldBeNull("a quarantined file has no cleaned output");
            rejects.ShouldBeNull("a quarantined file's rejects are not under rejects/");
            (await ReadBytesAsync("quarantine/files/" + rest)).ShouldBe(raw);
            (await ReadAsync("quarantine/reports/" + rest + ".report.json")).ShouldNotBeNull();
            SpecExampleCorpus.CheckOutputs(expected, null, await ReadAsync("quarantine/rejects/" + rest));
        }

        (await ReadBytesAsync("raw/" + rest)).ShouldBe(raw, "the raw object is never changed");
    }

    /// <summary>The schools of every example's cleaned rows, as the cleaner gives them without a registry.</summary>
    private static IEnumerable<string> SchoolsOfCleanRows() =>
        SpecExampleCorpus.Names()
            .SelectMany(name =>
            {
                using var clean = new MemoryStream();
                new FeedCleaner(new CleanerOptions()).Clean(new LocalRawFile(SpecExampleCorpus.RawPath(name)), clean, Stream.Null);
                return CsvText.Parse(Encoding.UTF8.GetString(clean.ToArray())).Skip(1).Select(row => row[1]).ToList();
            })
            .Distinct(StringComparer.Ordinal);

    private async Task InvokeCleanAsync(string payload)
    {
        var requestId = Guid.NewGuid().ToString();
        var output = new JsonLinesOutput(TextWriter.Null);
        var context = new FunctionContext
        {
            FunctionName = "clean",
            RequestId = requestId,
            Deadline = DateTimeOffset.UtcNow.AddMinutes(5),
            Log = new FunctionLog(new JsonLog(output, TimeProvider.System), "clean", requestId),
            Metrics = new EmbeddedMetrics(output, TimeProvider.System, EmbeddedMetrics.DefaultNamespace),
        };
        await _functions.Get("clean").CreateInvoker().InvokeAsync(Encoding.UTF8.GetBytes(payload), context);
    }

    private async Task<string?> ReadAsync(string key) =>
        await ReadBytesAsync(key) is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    private async Task<byte[]?> ReadBytesAsync(string key)
    {
        try
        {
            using var response = await S3.GetObjectAsync(Bucket, key);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
