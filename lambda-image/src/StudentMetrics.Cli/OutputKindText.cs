using StudentMetrics.Cleaning;

namespace StudentMetrics.Cli;

/// <summary>How the command line names each kind of output, and the file name a local copy of it gets.</summary>
internal static class OutputKindText
{
    public static string Of(OutputKind kind) => kind switch
    {
        OutputKind.Cleaned => "cleaned",
        OutputKind.Rejects => "rejects",
        OutputKind.Report => "report",
        OutputKind.Quarantined => "quarantined",
        OutputKind.QuarantineRejects => "quarantine rejects",
        OutputKind.QuarantineReport => "quarantine report",
        _ => kind.ToString(),
    };

    /// <summary><c>cleaned.csv</c>, <c>quarantine-report.json</c>: the kind, then what the object holds.</summary>
    public static string LocalFileName(OutputKind kind) =>
        Of(kind).Replace(' ', '-') + (kind is OutputKind.Report or OutputKind.QuarantineReport ? ".json" : ".csv");
}
