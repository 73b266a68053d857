namespace StudentMetrics.Functions.Clean;

/// <summary>The keys of one raw object's outputs (see <see cref="CleanOutputLayout"/>).</summary>
public sealed record CleanOutputKeys(string Clean, string Rejects, string Report, string Quarantined, string QuarantineRejects, string QuarantineReport);
