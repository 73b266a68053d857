using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Aws.S3;

/// <summary>
/// A server-side copy that is also a conditional write: S3's CopyObject takes no condition on its target, so the copy
/// is a multipart upload of copied parts, completed with the condition (<c>If-Match</c> / <c>If-None-Match</c>). The
/// bytes never leave S3; an upload that fails is aborted.
/// </summary>
internal sealed class S3ConditionalCopy(IAmazonS3 s3, string bucket)
{
    // A copied part may be up to 5 GiB; smaller ones keep one failed part cheap to retry.
    private const long PartBytes = 1L << 30;

    public async Task<WrittenObject> CopyAsync(
        S3CopySource source, string toKey, string contentType, IReadOnlyDictionary<string, string> metadata, WriteCondition condition, CancellationToken cancellationToken)
    {
        if (source.Size == 0)
        {
            // A part cannot be copied from an empty object: there is nothing to copy but the name and metadata.
            return await new S3FeedStore(s3, bucket).PutAsync(toKey, ReadOnlyMemory<byte>.Empty, metadata, condition, cancellationToken).ConfigureAwait(false);
        }

        var start = new InitiateMultipartUploadRequest { BucketName = bucket, Key = toKey, ContentType = contentType };
        S3FeedStore.Add(start.Metadata, metadata);
        var uploadId = (await s3.InitiateMultipartUploadAsync(start, cancellationToken).ConfigureAwait(false)).UploadId;
        var completed = false;
        try
        {
            var parts = new List<PartETag>();
            for (var first = 0L; first < source.Size; first += PartBytes)
            {
                var part = await s3.CopyPartAsync(
                    new CopyPartRequest
                    {
                        SourceBucket = bucket,
                        SourceKey = source.Key,
                        SourceVersionId = source.VersionId,
                        ETagToMatch = source.VersionId is null ? [source.ETag] : null,
                        DestinationBucket = bucket,
                        DestinationKey = toKey,
                        UploadId = uploadId,
                        PartNumber = parts.Count + 1,
                        FirstByte = first,
                        LastByte = Math.Min(source.Size, first + PartBytes) - 1,
                    },
                    cancellationToken).ConfigureAwait(false);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
            }

            var complete = new CompleteMultipartUploadRequest { BucketName = bucket, Key = toKey, UploadId = uploadId, PartETags = parts };
            S3Conditions.Apply(condition, complete);
            var response = await s3.CompleteMultipartUploadAsync(complete, cancellationToken).ConfigureAwait(false);
            completed = true;
            return new WrittenObject(toKey, response.ETag, response.VersionId);
        }
        catch (AmazonS3Exception e) when (S3Conditions.Failed(e, condition))
        {
            throw OutputConflictException.For(bucket, toKey, condition, e);
        }
        finally
        {
            if (!completed)
            {
                await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = toKey, UploadId = uploadId }, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
