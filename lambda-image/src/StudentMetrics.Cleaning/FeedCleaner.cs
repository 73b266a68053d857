using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Sylvan.Data.Csv;

namespace StudentMetrics.Cleaning;

/// <summary>
/// Cleans one raw export into a cleaned CSV, a rejects CSV and a report, streaming.
/// Walking-skeleton scope: required columns and type checks only (the full contract replaces this body).
/// </summary>
public sealed class FeedCleaner(CleanerOptions options)
{
    private static readonly string[] Columns =
    [
        "student_id", "school_id", "grade_level", "term", "math_score", "reading_score", "science_score", "gpa",
        "days_enrolled", "days_present", "tardies", "behavior_incidents", "recorded_on",
    ];

    private static readonly HashSet<string> Required = ["student_id", "school_id", "grade_level", "term", "days_enrolled", "recorded_on"];
    private static readonly HashSet<string> Integers = ["grade_level", "days_enrolled", "days_present", "tardies", "behavior_incidents"];
    private static readonly HashSet<string> Decimals = ["math_score", "reading_score", "science_score", "gpa"];

    public CleaningReport Clean(IRawFile input, Stream cleanOutput, Stream rejectsOutput)
    {
        ArgumentNullException.ThrowIfNull(input);
        var started = options.Clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        string sha;
        using (var hashStream = input.OpenRead())
        {
            sha = Convert.ToHexStringLower(SHA256.HashData(hashStream));
        }

        var source = new ReportSource { Location = input.Location, Key = input.Key, SizeBytes = input.Length, Sha256 = sha };
        using var reader = new StreamReader(input.OpenRead(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true });
        var index = new int[Columns.Length];
        var unknown = new List<string>();
        Array.Fill(index, -1);
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var name = csv.GetName(i).Trim().ToLowerInvariant();
            var at = Array.IndexOf(Columns, name);
            if (at >= 0)
            {
                index[at] = i;
            }
            else
            {
                unknown.Add(csv.GetName(i));
            }
        }

        var missing = Columns.Where((c, i) => Required.Contains(c) && index[i] < 0).ToList();
        if (missing.Count > 0)
        {
            return Report(FileStatus.Quarantined, "missing_required_columns: " + string.Join(", ", missing), 0, 0, new());
        }

        using var clean = new StreamWriter(cleanOutput, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        using var rejects = new StreamWriter(rejectsOutput, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
        clean.WriteLine(string.Join(',', Columns) + ",source_row");
        rejects.WriteLine(string.Join(',', Enumerable.Range(0, csv.FieldCount).Select(csv.GetName)) + ",source_row,reasons");
        long read = 0, good = 0;
        var reasons = new Dictionary<string, long>();
        var values = new string[Columns.Length];
        while (csv.Read())
        {
            read++;
            var broken = new List<string>();
            for (var c = 0; c < Columns.Length; c++)
            {
                var raw = index[c] < 0 ? "" : csv.GetString(index[c]).Trim();
                values[c] = raw;
                if (raw.Length == 0)
                {
                    if (Required.Contains(Columns[c]))
                    {
                        broken.Add(Columns[c] + ":missing");
                    }
                }
                else if (Integers.Contains(Columns[c]) && !int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    broken.Add(Columns[c] + ":unparseable_number");
                }
                else if (Decimals.Contains(Columns[c]) && !decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
                {
                    broken.Add(Columns[c] + ":unparseable_number");
                }
                else if (Columns[c] == "recorded_on" && !DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    broken.Add(Columns[c] + ":unparseable_date");
                }
            }

            if (broken.Count == 0)
            {
                good++;
                values[0] = values[0].ToUpperInvariant();
                values[1] = values[1].ToUpperInvariant();
                clean.WriteLine(string.Join(',', values) + "," + read.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                foreach (var b in broken)
                {
                    reasons[b] = reasons.GetValueOrDefault(b) + 1;
                }

                var rawFields = Enumerable.Range(0, csv.FieldCount).Select(i => Quote(csv.GetString(i)));
                rejects.WriteLine(string.Join(',', rawFields) + "," + read.ToString(CultureInfo.InvariantCulture) + "," + string.Join(';', broken));
            }
        }

        if (read == 0)
        {
            return Report(FileStatus.Quarantined, "no_data_rows", 0, 0, reasons);
        }

        return read - good > read * options.QuarantineRejectRatio
            ? Report(FileStatus.Quarantined, "too_many_rejected_rows", read, good, reasons)
            : Report(FileStatus.Cleaned, null, read, good, reasons);

        CleaningReport Report(FileStatus status, string? reason, long rowsRead, long rowsClean, Dictionary<string, long> rejectReasons) => new()
        {
            Dataset = "student_metrics",
            ContractVersion = 1,
            Source = source,
            Status = status,
            Reason = reason,
            RowsRead = rowsRead,
            RowsClean = rowsClean,
            RowsRejected = rowsRead - rowsClean,
            RejectReasons = rejectReasons,
            UnknownColumns = unknown,
            Encoding = "utf-8",
            Delimiter = ",",
            StartedAt = started,
            DurationMs = watch.ElapsedMilliseconds,
        };
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
