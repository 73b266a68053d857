using StudentMetrics.Aws;

namespace StudentMetrics.Cli.LocalRun;

/// <summary>
/// What the local stack deployed from ops/cloudformation (ops/local/stack.sh writes it to stack.env): the data bucket,
/// its upload queue, and the roles the templates give the clean function and the load job. Read once, here.
/// </summary>
/// <param name="Bucket">The storage stack's data bucket.</param>
/// <param name="UploadQueueUrl">The queue the bucket notifies of raw/ uploads.</param>
/// <param name="CleanRoleArn">The clean function's role (pipeline stack).</param>
/// <param name="LoadRoleArn">The Glue job's role, whose S3 reads the local loader makes.</param>
internal sealed record LocalStackSettings(string Bucket, string UploadQueueUrl, string CleanRoleArn, string LoadRoleArn)
{
    public const string BucketVariable = AwsSettings.DataBucketVariable;
    public const string UploadQueueVariable = "STUDENT_METRICS_UPLOAD_QUEUE_URL";
    public const string CleanRoleVariable = "STUDENT_METRICS_CLEAN_ROLE_ARN";
    public const string LoadRoleVariable = "STUDENT_METRICS_LOAD_ROLE_ARN";

    /// <returns>The settings, or the sentence saying which one is missing.</returns>
    public static (LocalStackSettings? Settings, string? Problem) FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string[] names = [BucketVariable, UploadQueueVariable, CleanRoleVariable, LoadRoleVariable];
        var values = names.Select(n => environment(n)).ToList();
        if (names.Zip(values).FirstOrDefault(p => string.IsNullOrWhiteSpace(p.Second)).First is { } missing)
        {
            return (null, $"{missing} is not set. 'make run' starts the local stack, which deploys ops/cloudformation into the local AWS and sets it.");
        }

        return (new LocalStackSettings(values[0]!, values[1]!, values[2]!, values[3]!), null);
    }
}
