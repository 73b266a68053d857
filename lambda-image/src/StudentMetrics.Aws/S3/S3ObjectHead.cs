using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace StudentMetrics.Aws.S3;

/// <summary>
/// HEAD of a key, with "the key holds nothing now" as null: never uploaded, or its latest version is a delete marker.
/// (Without s3:ListBucket S3 answers 403 instead of 404, which stays an error.)
/// </summary>
internal static class S3ObjectHead
{
    public static async Task<GetObjectMetadataResponse?> TryGetAsync(IAmazonS3 s3, string bucket, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
