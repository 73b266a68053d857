namespace StudentMetrics.Cli.LocalRun;

/// <summary>What <c>student-metrics run</c> works on.</summary>
/// <param name="File">The export to run through the pipeline.</param>
/// <param name="WorkDir">Where copies of the outputs, the function logs and the dashboard go.</param>
/// <param name="Bucket">The emulator's bucket.</param>
internal sealed record LocalRunOptions(string File, string WorkDir, string Bucket = LocalRunOptions.DefaultBucket)
{
    public const string DefaultBucket = "student-metrics-local";
}
