using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Aws.S3;

/// <summary>The pipeline's bucket as the cleaner's store: streamed multipart uploads, server-side copies.</summary>
public sealed class S3FeedStore(IAmazonS3 s3, string bucket) : IFeedStore
{
    public string Location => bucket;

    public IOutputObject Create(string key, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        new S3MultipartUploadStream(s3, bucket, key, metadata, cancellationToken);

    public async Task CopyRawAsync(IRawFile raw, string toKey, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw is S3RawFile s3Raw && s3Raw.Location == bucket)
        {
            // Server side, and only if the object is still the version that was cleaned.
            var copy = new CopyObjectRequest
            {
                SourceBucket = bucket,
                SourceKey = raw.Key,
                ETagToMatch = s3Raw.ETag,
                DestinationBucket = bucket,
                DestinationKey = toKey,
                MetadataDirective = S3MetadataDirective.REPLACE,
            };
            Add(copy.Metadata, metadata);
            await s3.CopyObjectAsync(copy, cancellationToken).ConfigureAwait(false);
            return;
        }

        await using var output = Create(toKey, metadata, cancellationToken);
        await using (var source = raw.OpenRead())
        {
            await source.CopyToAsync(output.Content, cancellationToken).ConfigureAwait(false);
        }

        await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task CopyAsync(string fromKey, string toKey, CancellationToken cancellationToken) =>
        s3.CopyObjectAsync(new CopyObjectRequest { SourceBucket = bucket, SourceKey = fromKey, DestinationBucket = bucket, DestinationKey = toKey }, cancellationToken);

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var put = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(content.ToArray(), writable: false),
            ContentType = key.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv; charset=utf-8",
        };
        Add(put.Metadata, metadata);
        await s3.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredObject?> TryReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
            var metadata = response.Metadata.Keys.ToDictionary(name => StripPrefix(name), name => response.Metadata[name], StringComparer.Ordinal);
            return new StoredObject(content.ToArray(), metadata);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => s3.DeleteObjectAsync(bucket, key, cancellationToken);

    private static void Add(MetadataCollection target, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (name, value) in metadata)
        {
            target.Add(name, value);
        }
    }

    // The SDK lists user metadata under its header name (x-amz-meta-NAME); callers speak of NAME.
    private static string StripPrefix(string name) =>
        name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase) ? name["x-amz-meta-".Length..] : name;
}
