using Amazon.S3;
using Npgsql;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cli.LocalRun;
using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.EndToEnd;

/// <summary>
/// Every feed sample in tests/fixtures/feeds through the whole local pipeline (upload to raw/local/FEED/, the clean
/// function, the loader, PostgreSQL): stored in its feed's table with every clean row, and nothing else. In the bucket
/// and queue the templates deployed, each part with its template's role, as <c>make run</c> does it.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class FeedSamplesThroughThePipelineTests(LocalStack stack) : IAsyncLifetime
{
    private readonly IAmazonS3 _s3 = stack.CreateS3Client();
    private readonly string _workDir = Directory.CreateTempSubdirectory("feed-samples-").FullName;
    private NpgsqlDataSource _database = null!;

    public static TheoryData<string> Samples() => new(FeedSamples.Names());

    public async Task InitializeAsync()
    {
        stack.PurgeUploadQueue();
        // The pipeline publishes its new database's registry, whose revision starts over: not over an earlier test's.
        await stack.ForgetSourceRegistryAsync();
        _database = DatabaseSettings.ForConnectionString(await stack.CreateDatabaseAsync("feed_samples")).CreateDataSource();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _s3.Dispose();
        Directory.Delete(_workDir, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task A_sample_is_stored_in_its_feeds_table_with_its_clean_rows(string sample)
    {
        var expected = FeedSamples.Expectation(sample);
        var feed = FeedSamples.FeedOf(sample);
        var contract = FeedContracts.Get(feed);
        var pipeline = new LocalPipeline(_s3, stack.RoleSettings(LocalStack.CleanRole), stack.RoleSettings(LocalStack.LoadRole), _database, TextWriter.Null);

        var summary = await pipeline.RunAsync(
            new LocalRunOptions(FeedSamples.RawPath(sample), _workDir, stack.Bucket, stack.UploadQueueUrl) { Feed = feed, Schools = SchoolsOf(sample, contract) },
            CancellationToken.None);

        summary.RawKey.ShouldBe($"raw/local/{feed}/{Path.GetFileName(FeedSamples.RawPath(sample))}");
        summary.Report.Dataset.ShouldBe(feed);
        if (expected.TryGetProperty("stored_rows", out var stored))
        {
            summary.Report.Status.ShouldBe(FileStatus.Cleaned);
            await using var connection = await _database.OpenConnectionAsync();
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {contract.Table} WHERE source_key = $1", connection);
            count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = summary.RawKey });
            ((long)(await count.ExecuteScalarAsync())!).ShouldBe(stored.GetInt64());
        }
    }

    /// <summary>The schools the sample's cleaned rows name (cleaned without a registry): what its source is registered for.</summary>
    private static string[] SchoolsOf(string sample, FeedContract contract)
    {
        if (contract.SchoolColumn is not { } school)
        {
            return [];
        }

        using var clean = new MemoryStream();
        new FeedCleaner(new CleanerOptions { Contract = contract }).Clean(new LocalRawFile(FeedSamples.RawPath(sample)), clean, Stream.Null);
        var rows = CsvText.Parse(System.Text.Encoding.UTF8.GetString(clean.ToArray()));
        var column = Array.IndexOf(rows[0], school);
        return [.. rows.Skip(1).Select(row => row[column]).Distinct(StringComparer.Ordinal)];
    }
}
