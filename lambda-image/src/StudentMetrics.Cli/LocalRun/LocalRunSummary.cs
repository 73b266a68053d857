using StudentMetrics.Cleaning;
using StudentMetrics.Database;

namespace StudentMetrics.Cli.LocalRun;

/// <summary>What one local run did, stage by stage.</summary>
internal sealed record LocalRunSummary(
    string RawKey,
    MigrationResult Migrations,
    int MessagesHandled,
    CleaningReport Report,
    LoadResult? Load,
    IReadOnlyList<(string Output, string S3Uri, string LocalCopy)> Outputs,
    string? Dashboard);
