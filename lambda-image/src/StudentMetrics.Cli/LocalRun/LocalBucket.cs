using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Aws.Sqs;

namespace StudentMetrics.Cli.LocalRun;

/// <summary>
/// The local twin of the deployed bucket and trigger: a versioned bucket, a queue, and the bucket's ObjectCreated
/// notifications for raw/ sent to the queue, as the CloudFormation stack sets them up in AWS.
/// </summary>
internal sealed class LocalBucket(IAmazonS3 s3, SqsClient sqs)
{
    /// <returns>The queue URL the raw/ notifications go to.</returns>
    public async Task<string> EnsureAsync(string bucket, CancellationToken cancellationToken)
    {
        try
        {
            await s3.PutBucketAsync(bucket, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists" || e.StatusCode == HttpStatusCode.Conflict)
        {
            // A second run reuses the bucket of the first.
        }

        // Versioned, as in AWS: every upload of a key is a version of its own, which the cleaner pins its reads to.
        await s3.PutBucketVersioningAsync(
            new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } },
            cancellationToken).ConfigureAwait(false);
        var queueUrl = await sqs.CreateQueueAsync(bucket + "-raw-events", null, cancellationToken).ConfigureAwait(false);
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl, ["QueueArn"], cancellationToken).ConfigureAwait(false);
        await s3.PutBucketNotificationAsync(
            new PutBucketNotificationRequest
            {
                BucketName = bucket,
                QueueConfigurations =
                [
                    new QueueConfiguration
                    {
                        Id = "raw-objects-to-cleaner",
                        Queue = attributes["QueueArn"],
                        Events = [EventType.ObjectCreatedAll],
                        Filter = new Filter { S3KeyFilter = new S3KeyFilter { FilterRules = [new FilterRule("prefix", CleanOutputLayout.Raw)] } },
                    },
                ],
            },
            cancellationToken).ConfigureAwait(false);
        return queueUrl;
    }
}
