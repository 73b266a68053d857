using System.Diagnostics;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cleaning.Csv;

namespace StudentMetrics.Cleaning;

/// <summary>Assembles the report of one run from what the two passes found.</summary>
internal sealed class ReportBuilder(CompiledContract contract, ReportSource source, TextEncodingKind kind, KeyScan scan, DateTimeOffset started, Stopwatch watch)
{
    public CompiledContract Contract => contract;

    public ReportSource Source => source;

    public CleaningReport Quarantined(QuarantineReason reason, RowCleaner? rows) => Build(FileStatus.Quarantined, reason, rows);

    public CleaningReport Cleaned(RowCleaner rows) => Build(FileStatus.Cleaned, null, rows);

    private CleaningReport Build(FileStatus status, QuarantineReason? reason, RowCleaner? rows)
    {
        var reasons = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (rows is not null)
        {
            for (var i = 0; i < rows.ReasonCounts.Length; i++)
            {
                if (rows.ReasonCounts[i] > 0)
                {
                    reasons[contract.ReasonNames[i]] = rows.ReasonCounts[i];
                }
            }
        }

        return new CleaningReport
        {
            Dataset = contract.Contract.Dataset,
            ContractVersion = contract.Contract.Version,
            Source = source,
            Status = status,
            Reason = reason,
            RowsRead = rows is null ? scan.DataRows : rows.RowsClean + rows.RowsRejected,
            RowsClean = rows?.RowsClean ?? 0,
            RowsRejected = rows?.RowsRejected ?? 0,
            RejectReasons = new Dictionary<string, long>(reasons),
            UnknownColumns = scan.Layout?.UnknownColumns ?? [],
            Encoding = TextEncodings.ReportName(kind),
            Delimiter = ((char)scan.Delimiter).ToString(),
            StartedAt = started,
            DurationMs = watch.ElapsedMilliseconds,
        };
    }
}
