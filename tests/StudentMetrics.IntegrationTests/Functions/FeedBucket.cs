using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Aws.S3;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Sources;
using StudentMetrics.Cleaning.Storage;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Sources;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Functions;

/// <summary>
/// A versioned bucket with a source registry: a fresh one in the emulator (<see cref="CreateAsync(LocalStack, string, SourceRegistry)"/>),
/// or the data bucket the templates deployed, cleaned with the clean function's role (<see cref="InDeployedBucket"/>).
/// </summary>
public sealed class FeedBucket : IAsyncDisposable
{
    private FeedBucket(IAmazonS3 s3, string name, SourceRegistry registry, IAmazonS3? cleanerS3 = null)
    {
        S3 = s3;
        Name = name;
        Registry = registry;
        CleanerS3 = cleanerS3 ?? s3;
    }

    /// <summary>As the school and the operator: uploads, and reads of what the cleaner wrote.</summary>
    public IAmazonS3 S3 { get; }

    /// <summary>What the cleaner works with: in the deployed bucket, the clean function's role.</summary>
    public IAmazonS3 CleanerS3 { get; }

    public string Name { get; }

    public SourceRegistry Registry { get; }

    /// <param name="sources">Each source (the folder below raw/) and the schools it may send.</param>
    public static Task<FeedBucket> CreateAsync(LocalStack stack, string purpose, params (string Source, string[] Schools)[] sources) =>
        CreateAsync(stack, purpose, RegistryOf(sources));

    public static async Task<FeedBucket> CreateAsync(LocalStack stack, string purpose, SourceRegistry registry)
    {
        var s3 = stack.CreateS3Client();
        var name = purpose + "-" + Guid.NewGuid().ToString("N")[..12];
        await s3.PutBucketAsync(name);
        await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = name, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } });
        await SourceRegistryPublication.In(s3, name).PublishAsync(registry, CancellationToken.None);
        return new FeedBucket(s3, name, registry);
    }

    /// <summary>
    /// The stack's deployed data bucket, shared by the tests of the stack's collection (each uses keys of its own); the
    /// cleaner runs with the clean function's role, so a permission the template lacks fails here as in AWS.
    /// </summary>
    public static FeedBucket InDeployedBucket(LocalStack stack, params (string Source, string[] Schools)[] sources) =>
        new(stack.CreateS3Client(), stack.Bucket, RegistryOf(sources), stack.CreateS3Client(stack.AssumeRole(LocalStack.CleanRole)));

    public static SourceRegistry RegistryOf(params (string Source, string[] Schools)[] sources) => new()
    {
        Revision = sources.Length,
        PublishedAt = DateTimeOffset.UnixEpoch,
        Sources = [.. sources.Select((s, i) => new RegisteredSource { Prefix = CleanOutputLayout.SourcePrefix(s.Source), Revision = i + 1, Schools = s.Schools })],
    };

    public ObjectCleaner Cleaner(CleanerOptions? options = null, IRawObjects? raws = null, IFeedStore? store = null) =>
        new(raws ?? new S3RawObjects(CleanerS3, Name), store ?? new S3FeedStore(CleanerS3, Name), options ?? new CleanerOptions(), Registry);

    public Task<ObjectCleaningOutcome> SettleAsync(string key, string? eventVersionId = null) =>
        Cleaner().SettleAsync(new CleanRequest(key, eventVersionId), CancellationToken.None);

    /// <returns>The version id S3 gave the upload.</returns>
    public async Task<string> PutAsync(string key, string content) =>
        (await S3.PutObjectAsync(new PutObjectRequest { BucketName = Name, Key = key, ContentBody = content })).VersionId;

    public async Task<string> PutAsync(string key, byte[] content) =>
        (await S3.PutObjectAsync(new PutObjectRequest { BucketName = Name, Key = key, InputStream = new MemoryStream(content) })).VersionId;

    public async Task<(string Body, MetadataCollection Metadata, string ETag)> GetAsync(string key)
    {
        using var response = await S3.GetObjectAsync(Name, key);
        using var reader = new StreamReader(response.ResponseStream);
        return (await reader.ReadToEndAsync(), response.Metadata, response.ETag);
    }

    /// <summary>The lineage the cleaner put on an output, decoded.</summary>
    public async Task<Lineage> LineageOfAsync(string key)
    {
        var metadata = (await S3.GetObjectMetadataAsync(Name, key)).Metadata;
        return LineageMetadata.Read(S3UserMetadata.ByName(metadata)).ShouldNotBeNull($"{key} carries no lineage");
    }

    public async Task<string?> TryGetAsync(string key)
    {
        try
        {
            return (await GetAsync(key)).Body;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Every key under <paramref name="prefix"/> that holds an object now (not the registry).</summary>
    public async Task<List<string>> ListAsync(string prefix = "")
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = Name, Prefix = prefix };
        ListObjectsV2Response page;
        do
        {
            page = await S3.ListObjectsV2Async(request);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);
        return keys.Where(k => k != CleanOutputLayout.SourceRegistry).Order(StringComparer.Ordinal).ToList();
    }

    public ValueTask DisposeAsync()
    {
        if (!ReferenceEquals(CleanerS3, S3))
        {
            CleanerS3.Dispose();
        }

        S3.Dispose();
        return ValueTask.CompletedTask;
    }
}
