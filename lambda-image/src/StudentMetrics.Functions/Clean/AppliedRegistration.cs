using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Sources;

namespace StudentMetrics.Functions.Clean;

/// <summary>What the source registry says of one raw key: its source, whether it may send at all, and which schools.</summary>
internal sealed record AppliedRegistration(ReportRegistration? ForReport, IReadOnlyCollection<string>? PermittedSchools, bool Refused, string Fingerprint)
{
    /// <summary>Cleaned without a registry (a local file): any school.</summary>
    public static AppliedRegistration None { get; } = new(null, null, false, "none");

    public static AppliedRegistration Of(SourceRegistry? registry, string rawKey)
    {
        if (registry is null)
        {
            return None;
        }

        var source = CleanOutputLayout.SourceOf(rawKey);
        var prefix = source is null ? CleanOutputLayout.Raw : CleanOutputLayout.SourcePrefix(source);
        if (source is null || registry.Find(prefix) is not { } entry)
        {
            return new AppliedRegistration(new ReportRegistration { Source = prefix, Registered = false }, null, Refused: true, "unregistered");
        }

        return new AppliedRegistration(
            new ReportRegistration { Source = prefix, Registered = true, Revision = entry.Revision, Schools = entry.Schools },
            entry.Schools,
            Refused: false,
            $"{prefix}@{entry.Revision}");
    }
}
