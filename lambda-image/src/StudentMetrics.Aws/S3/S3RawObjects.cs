using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Aws.S3;

/// <summary>The raw uploads in the pipeline's bucket: S3 says which version a key holds now (HEAD) and in what order its versions came (ListObjectVersions).</summary>
public sealed class S3RawObjects(IAmazonS3 s3, string bucket) : IRawObjects
{
    public string Location => bucket;

    public async Task<RawVersion?> CurrentAsync(string key, CancellationToken cancellationToken)
    {
        if (await S3ObjectHead.TryGetAsync(s3, bucket, key, cancellationToken).ConfigureAwait(false) is not { } head)
        {
            return null;
        }

        var uploaded = head.LastModified ?? throw new InvalidDataException($"s3://{bucket}/{key} has no Last-Modified");
        return new RawVersion(key, head.VersionId ?? S3RawFile.UnversionedId, head.ETag, head.ContentLength, new DateTimeOffset(DateTime.SpecifyKind(uploaded.ToUniversalTime(), DateTimeKind.Utc)));
    }

    public async Task<long> OrdinalAsync(RawVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        // Versions (delete markers included) are listed key by key, newest first; the key itself sorts before every
        // longer key it is a prefix of, so its versions come first and the listing stops at the next key.
        var newerThanIt = -1L;
        var total = 0L;
        var request = new ListVersionsRequest { BucketName = bucket, Prefix = version.Key };
        while (true)
        {
            var page = await s3.ListVersionsAsync(request, cancellationToken).ConfigureAwait(false);
            foreach (var listed in page.Versions ?? [])
            {
                if (listed.Key != version.Key)
                {
                    return Ordinal();
                }

                if (newerThanIt < 0 && (listed.VersionId ?? S3RawFile.UnversionedId) == version.VersionId)
                {
                    newerThanIt = total;
                }

                total++;
            }

            if (page.IsTruncated != true)
            {
                return Ordinal();
            }

            request.KeyMarker = page.NextKeyMarker;
            request.VersionIdMarker = page.NextVersionIdMarker;
        }

        long Ordinal() => newerThanIt >= 0
            ? total - newerThanIt
            : throw new InvalidDataException($"s3://{bucket}/{version.Key} has no version {version.VersionId}");
    }

    public IRawFile Open(RawVersion version, CancellationToken cancellationToken) => new S3RawFile(s3, bucket, version, cancellationToken);
}
