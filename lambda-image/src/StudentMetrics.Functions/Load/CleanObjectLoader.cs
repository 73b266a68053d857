using Amazon.S3;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Database;
using StudentMetrics.Functions.Clean;

namespace StudentMetrics.Functions.Load;

/// <summary>
/// Loads a cleaned object from S3 into PostgreSQL, streaming it into the loader. Lineage comes from the object itself
/// (the <see cref="LineageMetadata"/> the cleaner wrote), so a clean object can be loaded on its own, as the Glue job
/// does in AWS.
/// </summary>
public sealed class CleanObjectLoader(IAmazonS3 s3, CleanFileLoader loader)
{
    public async Task<LoadResult> LoadAsync(string bucket, string cleanKey, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, cleanKey, cancellationToken).ConfigureAwait(false);
        var rawKey = response.Metadata[LineageMetadata.SourceKey] is { Length: > 0 } key ? LineageMetadata.Decode(key) : CleanOutputLayout.RawKeyOfClean(cleanKey);
        var sha256 = response.Metadata[LineageMetadata.SourceSha256];
        if (string.IsNullOrEmpty(sha256))
        {
            throw new InvalidDataException($"s3://{bucket}/{cleanKey} has no {LineageMetadata.SourceSha256} metadata; only objects the cleaner wrote can be loaded.");
        }

        var feed = response.Metadata[LineageMetadata.Feed] is { Length: > 0 } named ? FeedContracts.Get(named) : FeedContracts.Default;
        return await loader.LoadAsync(response.ResponseStream, new LoadSource(rawKey, sha256) { Contract = feed }, cancellationToken).ConfigureAwait(false);
    }
}
