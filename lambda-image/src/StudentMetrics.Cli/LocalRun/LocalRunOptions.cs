namespace StudentMetrics.Cli.LocalRun;

/// <summary>What <c>student-metrics run</c> works on.</summary>
/// <param name="File">The export to run through the pipeline.</param>
/// <param name="WorkDir">Where copies of the outputs, the function logs and the dashboard go.</param>
/// <param name="Bucket">The emulator's bucket.</param>
/// <param name="Schools">The school ids the local source may send, registered before the upload.</param>
internal sealed record LocalRunOptions(string File, string WorkDir, string Bucket = LocalRunOptions.DefaultBucket, IReadOnlyList<string>? Schools = null)
{
    public const string DefaultBucket = "student-metrics-local";

    /// <summary>The source the run uploads as: its file goes to raw/local/.</summary>
    public const string Source = "local";

    /// <summary>Who the run's changes to the source registry are audited as.</summary>
    public const string Actor = "make run";

    /// <summary>The feed named in the raw key (<c>raw/local/FEED/NAME</c>); null for the default feed (<c>raw/local/NAME</c>).</summary>
    public string? Feed { get; init; }
}
