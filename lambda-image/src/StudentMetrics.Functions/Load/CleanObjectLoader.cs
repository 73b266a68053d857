using Amazon.S3;
using StudentMetrics.Aws.S3;
using StudentMetrics.Database;

namespace StudentMetrics.Functions.Load;

/// <summary>
/// Loads a cleaned object from S3 into PostgreSQL, streaming it into the loader. Lineage comes from the object itself
/// (the <c>source-key</c> and <c>source-sha256</c> metadata the cleaner wrote), so a clean object can be loaded on its
/// own, as the Glue job does in AWS.
/// </summary>
public sealed class CleanObjectLoader(IAmazonS3 s3, CleanFileLoader loader)
{
    public async Task<LoadResult> LoadAsync(string bucket, string cleanKey, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, cleanKey, cancellationToken).ConfigureAwait(false);
        var rawKey = response.Metadata["source-key"] is { Length: > 0 } key ? key : FeedKeys.RawKeyOfClean(cleanKey);
        var sha256 = response.Metadata["source-sha256"];
        if (string.IsNullOrEmpty(sha256))
        {
            throw new InvalidDataException($"s3://{bucket}/{cleanKey} has no source-sha256 metadata; only objects the cleaner wrote can be loaded.");
        }

        return await loader.LoadAsync(response.ResponseStream, new LoadSource(rawKey, sha256), cancellationToken).ConfigureAwait(false);
    }
}
