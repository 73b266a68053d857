namespace StudentMetrics.Cli.LocalRun;

/// <summary>What <c>student-metrics run</c> works on.</summary>
/// <param name="File">The export to run through the pipeline.</param>
/// <param name="WorkDir">Where copies of the outputs, the function logs and the dashboard go.</param>
/// <param name="Bucket">The local stack's data bucket.</param>
/// <param name="UploadQueueUrl">The queue the bucket notifies of uploads to raw/.</param>
internal sealed record LocalRunOptions(string File, string WorkDir, string Bucket, string UploadQueueUrl)
{
    /// <summary>The feed named in the raw key (<c>raw/local/FEED/NAME</c>); null for the default feed (<c>raw/local/NAME</c>).</summary>
    public string? Feed { get; init; }
}
