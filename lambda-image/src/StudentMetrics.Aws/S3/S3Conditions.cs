using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Aws.S3;

/// <summary>A <see cref="WriteCondition"/> as S3's conditional request headers, and S3's answers that mean it failed.</summary>
internal static class S3Conditions
{
    public static void Apply(WriteCondition condition, PutObjectRequest request)
    {
        request.IfNoneMatch = condition.MustBeAbsent ? "*" : null;
        request.IfMatch = condition.ETag;
    }

    public static void Apply(WriteCondition condition, CompleteMultipartUploadRequest request)
    {
        request.IfNoneMatch = condition.MustBeAbsent ? "*" : null;
        request.IfMatch = condition.ETag;
    }

    /// <summary>
    /// 412: the condition did not hold; 409: another conditional write to the key was in flight; 404 to an
    /// <c>If-Match</c>: the object expected there is gone.
    /// </summary>
    public static bool Failed(AmazonS3Exception e, WriteCondition condition) =>
        e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict
        || (e.StatusCode == HttpStatusCode.NotFound && condition.ETag is not null);
}
