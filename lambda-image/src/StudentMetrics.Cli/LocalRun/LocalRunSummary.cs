using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Sources;
using StudentMetrics.Database;

namespace StudentMetrics.Cli.LocalRun;

/// <summary>What one local run did, stage by stage.</summary>
/// <param name="Source">The run's source as registered (and published) before the upload.</param>
/// <param name="Outputs">Each output the report lists, with the local copy made of it.</param>
/// <param name="FunctionLog">The clean function's log lines and metrics, as CloudWatch would get them.</param>
internal sealed record LocalRunSummary(
    string Bucket,
    string RawKey,
    MigrationResult Migrations,
    RegisteredSource Source,
    long RegistryRevision,
    int MessagesHandled,
    CleaningReport Report,
    LoadResult? Load,
    IReadOnlyList<(ReportOutput Output, string LocalCopy)> Outputs,
    string FunctionLog,
    string? Dashboard);
