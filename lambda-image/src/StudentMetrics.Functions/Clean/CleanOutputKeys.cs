namespace StudentMetrics.Functions.Clean;

/// <summary>
/// The keys of one raw object's outputs (see <see cref="CleanOutputLayout"/>). A key too long for its outputs
/// (<see cref="IsLongKey"/>) has only a report, a copy of the report and the file set aside, named by its hash.
/// </summary>
public sealed record CleanOutputKeys(
    string RawKey, bool IsLongKey, string Report, string QuarantineReport, string Quarantined, string? Clean, string? Rejects, string? QuarantineRejects)
{
    /// <summary>Every key an output of this raw object may have, the report last.</summary>
    public IReadOnlyList<string> All =>
        new[] { Clean, Rejects, Quarantined, QuarantineRejects, QuarantineReport, Report }.OfType<string>().ToList();
}
