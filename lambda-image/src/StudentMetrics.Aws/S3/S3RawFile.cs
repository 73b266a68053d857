using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Aws.S3;

/// <summary>
/// One version of a raw export in S3: every read asks for that version id and that ETag, so a school overwriting the
/// object mid-way cannot mix two versions into one cleaned file (the new version is settled on its own).
/// </summary>
public sealed class S3RawFile : IRawFile
{
    /// <summary>The version id S3 reports for an object written while the bucket had no versioning.</summary>
    public const string UnversionedId = "null";

    private readonly IAmazonS3 _s3;
    private readonly CancellationToken _cancellationToken;

    /// <param name="cancellationToken">Also cancels every later read of the file.</param>
    public S3RawFile(IAmazonS3 s3, string bucket, RawVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        _s3 = s3;
        Location = bucket;
        RawVersion = version;
        _cancellationToken = cancellationToken;
    }

    public string Location { get; }

    public RawVersion RawVersion { get; }

    public string Key => RawVersion.Key;

    public long Length => RawVersion.Size;

    public string ETag => RawVersion.ETag;

    public string Version => RawVersion.VersionId;

    /// <summary>The version id to ask S3 for, or null for an object that has none.</summary>
    public string? RequestVersionId => RawVersion.VersionId == UnversionedId ? null : RawVersion.VersionId;

    public Stream OpenRead()
    {
        var request = new GetObjectRequest { BucketName = Location, Key = Key, VersionId = RequestVersionId, EtagToMatch = ETag };
        return _s3.GetObjectAsync(request, _cancellationToken).GetAwaiter().GetResult().ResponseStream;
    }
}
