using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Cleaning;

namespace StudentMetrics.Aws.S3;

/// <summary>
/// A raw export in S3, pinned to the version that was there when processing began: every read asks for that ETag,
/// so a school overwriting the object mid-way cannot mix two versions into one cleaned file (the new version's own
/// event will bring it in).
/// </summary>
public sealed class S3RawFile : IRawFile
{
    private readonly IAmazonS3 _s3;
    private readonly CancellationToken _cancellationToken;

    private S3RawFile(IAmazonS3 s3, string bucket, string key, long length, string etag, CancellationToken cancellationToken)
    {
        _s3 = s3;
        Location = bucket;
        Key = key;
        Length = length;
        ETag = etag;
        _cancellationToken = cancellationToken;
    }

    public string Location { get; }

    public string Key { get; }

    public long Length { get; }

    public string ETag { get; }

    public string Version => ETag;

    /// <param name="cancellationToken">Also cancels every later read of the file.</param>
    public static async Task<S3RawFile> OpenAsync(IAmazonS3 s3, string bucket, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s3);
        var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        return new S3RawFile(s3, bucket, key, head.ContentLength, head.ETag, cancellationToken);
    }

    public Stream OpenRead()
    {
        var request = new GetObjectRequest { BucketName = Location, Key = Key, EtagToMatch = ETag };
        return _s3.GetObjectAsync(request, _cancellationToken).GetAwaiter().GetResult().ResponseStream;
    }
}
