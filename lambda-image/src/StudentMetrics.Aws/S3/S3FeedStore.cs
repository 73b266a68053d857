using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Aws.S3;

/// <summary>
/// The pipeline's bucket as the cleaner's store: streamed multipart uploads, server-side copies, and every write and
/// delete conditional on what the key held when the run looked (S3's <c>If-Match</c> / <c>If-None-Match</c>).
/// </summary>
public sealed class S3FeedStore(IAmazonS3 s3, string bucket) : IFeedStore
{
    public string Location => bucket;

    public async Task<ObjectState?> InspectAsync(string key, CancellationToken cancellationToken) =>
        await S3ObjectHead.TryGetAsync(s3, bucket, key, cancellationToken).ConfigureAwait(false) is { } head
            ? new ObjectState(key, head.ETag, S3UserMetadata.ByName(head.Metadata))
            : null;

    public async Task<StoredObject?> TryReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
            return new StoredObject(content.ToArray(), new ObjectState(key, response.ETag, S3UserMetadata.ByName(response.Metadata)));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public IOutputObject Create(string key, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        new S3MultipartUploadStream(s3, bucket, key, metadata, cancellationToken);

    public async Task<WrittenObject> CopyRawAsync(IRawFile raw, string toKey, IReadOnlyDictionary<string, string> metadata, WriteCondition condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw is S3RawFile s3Raw && s3Raw.Location == bucket)
        {
            var source = new S3CopySource(raw.Key, s3Raw.RequestVersionId, s3Raw.ETag, raw.Length);
            return await new S3ConditionalCopy(s3, bucket).CopyAsync(source, toKey, "text/csv", metadata, condition, cancellationToken).ConfigureAwait(false);
        }

        await using var output = Create(toKey, metadata, cancellationToken);
        await using (var content = raw.OpenRead())
        {
            await content.CopyToAsync(output.Content, cancellationToken).ConfigureAwait(false);
        }

        return await output.CompleteAsync(condition, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WrittenObject> CopyAsync(WrittenObject from, string toKey, WriteCondition condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        GetObjectMetadataResponse head;
        try
        {
            head = await s3.GetObjectMetadataAsync(
                new GetObjectMetadataRequest { BucketName = bucket, Key = from.Key, VersionId = from.VersionId, EtagToMatch = from.ETag },
                cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            throw OutputConflictException.For(bucket, from.Key, WriteCondition.Matches(from.ETag), e);
        }

        var source = new S3CopySource(from.Key, from.VersionId, from.ETag, head.ContentLength);
        return await new S3ConditionalCopy(s3, bucket).CopyAsync(source, toKey, head.Headers.ContentType, S3UserMetadata.ByName(head.Metadata), condition, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WrittenObject> PutAsync(string key, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata, WriteCondition condition, CancellationToken cancellationToken)
    {
        var put = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(content.ToArray(), writable: false),
            ContentType = key.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv; charset=utf-8",
        };
        Add(put.Metadata, metadata);
        S3Conditions.Apply(condition, put);
        try
        {
            var response = await s3.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
            return new WrittenObject(key, response.ETag, response.VersionId);
        }
        catch (AmazonS3Exception e) when (S3Conditions.Failed(e, condition))
        {
            throw OutputConflictException.For(bucket, key, condition, e);
        }
    }

    public async Task DeleteAsync(string key, WriteCondition condition, CancellationToken cancellationToken)
    {
        if (condition.MustBeAbsent)
        {
            // Removing what must not be there: nothing to do.
            return;
        }

        try
        {
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key, IfMatch = condition.ETag }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (S3Conditions.Failed(e, condition))
        {
            throw OutputConflictException.For(bucket, key, condition, e);
        }
    }

    internal static void Add(MetadataCollection target, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (name, value) in metadata)
        {
            target.Add(name, value);
        }
    }
}
