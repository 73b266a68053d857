using StudentMetrics.Cleaning;

namespace StudentMetrics.Functions.Clean;

/// <summary>What cleaning one raw object did: its report, which lists the outputs written.</summary>
/// <param name="Repeated">The same version was cleaned before by this build: its first report stands, nothing was written.</param>
public sealed record ObjectCleaningOutcome(CleaningReport Report, bool Repeated);
