namespace StudentMetrics.Functions.Clean;

/// <summary>A cleaning of one version that lost to a newer version, or to another run, and wrote nothing that stands.</summary>
/// <param name="NewerVersionId">The version the key held when the run found it had lost, when that was the reason.</param>
public sealed record SupersededRun(string VersionId, string? NewerVersionId, string Reason);
