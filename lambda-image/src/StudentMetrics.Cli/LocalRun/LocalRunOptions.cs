namespace StudentMetrics.Cli.LocalRun;

/// <summary>What <c>student-metrics run</c> works on.</summary>
/// <param name="File">The export to run through the pipeline.</param>
/// <param name="WorkDir">Where copies of the outputs, the function logs and the dashboard go.</param>
/// <param name="Bucket">The local stack's data bucket.</param>
/// <param name="UploadQueueUrl">The queue the bucket notifies of uploads to raw/.</param>
internal sealed record LocalRunOptions(string File, string WorkDir, string Bucket, string UploadQueueUrl)
{
    /// <summary>The source the run uploads as: its file goes to raw/local/.</summary>
    public const string Source = "local";

    /// <summary>Who the run's changes to the source registry are audited as.</summary>
    public const string Actor = "make run";

    /// <summary>The school ids the local source may send, registered before the upload (none: the registry as it is).</summary>
    public IReadOnlyList<string> Schools { get; init; } = [];

    /// <summary>The feed named in the raw key (<c>raw/local/FEED/NAME</c>); null for the default feed (<c>raw/local/NAME</c>).</summary>
    public string? Feed { get; init; }
}
