using System.Diagnostics;
using System.Globalization;
using System.Text;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cleaning.Csv;

namespace StudentMetrics.Cleaning;

/// <summary>
/// Cleans one raw export into a cleaned CSV, a rejects CSV and a report, streaming. Two reads of the input:
/// the first hashes it, settles its encoding, checks the header and records the winning row of every key
/// (key and date columns only); the second applies every rule and writes both outputs as it goes.
/// Memory is the reader's buffer, two output buffers and the key table, whatever the size of the file.
/// </summary>
public sealed class FeedCleaner(CleanerOptions options)
{
    public CleaningReport Clean(IRawFile input, Stream cleanOutput, Stream rejectsOutput)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(cleanOutput);
        ArgumentNullException.ThrowIfNull(rejectsOutput);
        var started = options.Clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var contract = new CompiledContract(options.Contract, DateOnly.FromDateTime(started.UtcDateTime));

        TextEncodingKind kind;
        KeyScan scan;
        string sha;
        bool hasNul, validUtf8;
        long size;
        using (var raw = input.OpenRead())
        using (var inspect = new InspectingStream(raw))
        {
            kind = inspect.DetectBom();
            var text = TextEncodings.AsUtf8(inspect, kind);
            scan = ScanKeys(text, input.Length, contract);
            if (!ReferenceEquals(text, inspect))
            {
                text.Dispose();
            }

            inspect.ReadToEnd();
            sha = inspect.Sha256Hex();
            hasNul = inspect.HasNul;
            validUtf8 = inspect.IsValidUtf8;
            size = inspect.BytesRead;
        }

        if (kind == TextEncodingKind.Utf8 && !validUtf8 && !hasNul)
        {
            // Not UTF-8 and no mark: what Excel on Windows writes. Read it again as such (header names included).
            kind = TextEncodingKind.Windows1252;
            using var raw = input.OpenRead();
            using var text = TextEncodings.AsUtf8(raw, kind);
            scan = ScanKeys(text, input.Length, contract);
        }

        var source = new ReportSource { Location = input.Location, Key = input.Key, SizeBytes = size, Sha256 = sha };
        var report = new ReportBuilder(contract, source, kind, scan, started, watch);
        var problem = hasNul ? "not_text: the file holds NUL bytes, so it is not a text export"
            : kind == TextEncodingKind.Utf8Bom && !validUtf8 ? "not_text: the file starts with a UTF-8 byte-order mark but is not valid UTF-8"
            : scan.Problem;
        if (problem is not null)
        {
            return report.Quarantined(problem, null);
        }

        RowCleaner rows;
        try
        {
            rows = CleanRows(input, kind, scan, contract, cleanOutput, rejectsOutput);
        }
        catch (RecordTooLargeException e)
        {
            return report.Quarantined("record_too_large: " + e.Message, null);
        }

        var read = rows.RowsClean + rows.RowsRejected;
        if (rows.RowsRejected > read * options.QuarantineRejectRatio)
        {
            return report.Quarantined(
                string.Create(CultureInfo.InvariantCulture, $"too_many_rejected_rows: {rows.RowsRejected} of {read} data rows rejected, more than {options.QuarantineRejectRatio * 100:0.##}% (a wrong export?)"),
                rows);
        }

        return report.Cleaned(rows);
    }

    private const int SizingSample = 2048;

    private KeyScan ScanKeys(Stream text, long sizeHint, CompiledContract contract)
    {
        try
        {
            var reader = new Utf8CsvReader(text, options.MaxRecordBytes);
            var delimiter = reader.DetectDelimiter();
            if (!reader.Read())
            {
                return new KeyScan { Delimiter = delimiter, Problem = "empty_file: the file has no header row" };
            }

            var cells = new string[reader.FieldCount];
            for (var f = 0; f < cells.Length; f++)
            {
                cells[f] = Encoding.UTF8.GetString(reader[f]);
            }

            var layout = HeaderLayout.Match(contract.Contract, cells);
            if (layout.Problem is not null)
            {
                return new KeyScan { Delimiter = delimiter, Layout = layout, Problem = layout.Problem };
            }

            var rows = new RowCleaner(contract, layout, delimiter);
            var winners = new DuplicateKeyTable();
            uint row = 0;
            long dataRows = 0;
            var firstRowAt = reader.Offset;
            while (reader.Read())
            {
                row++;
                if (RowCleaner.IsBlank(reader))
                {
                    continue;
                }

                dataRows++;
                if (dataRows == SizingSample)
                {
                    // Size the key table from the rows seen so far, so that it never doubles (and copies) its way up.
                    var bytesPerRow = Math.Max(1.0, (reader.Offset - firstRowAt) / (double)SizingSample);
                    winners.Expect((long)(sizeHint / bytesPerRow * 1.05));
                }

                if (rows.HasExpectedFieldCount(reader) && rows.TryReadKey(reader, out var hash, out var day))
                {
                    winners.Offer(hash, row, day);
                }
            }

            winners.Seal();
            return new KeyScan
            {
                Delimiter = delimiter,
                Layout = layout,
                Winners = winners,
                DataRows = dataRows,
                Problem = dataRows == 0 ? "no_data_rows: the file has a header but no data rows" : null,
            };
        }
        catch (RecordTooLargeException e)
        {
            return new KeyScan { Problem = "record_too_large: " + e.Message };
        }
    }

    private RowCleaner CleanRows(IRawFile input, TextEncodingKind kind, KeyScan scan, CompiledContract contract, Stream cleanOutput, Stream rejectsOutput)
    {
        using var raw = input.OpenRead();
        TextEncodings.SkipBom(raw, kind);
        using var text = TextEncodings.AsUtf8(raw, kind);
        var reader = new Utf8CsvReader(text, options.MaxRecordBytes);
        reader.Delimiter = reader.DetectDelimiter();
        reader.Read();
        var layout = scan.Layout!;
        var clean = new CsvByteWriter(cleanOutput);
        var rejects = new CsvByteWriter(rejectsOutput);
        WriteHeaders(contract, layout, clean, rejects);
        var rows = new RowCleaner(contract, layout, scan.Delimiter);
        uint row = 0;
        while (reader.Read())
        {
            row++;
            if (!RowCleaner.IsBlank(reader))
            {
                rows.Clean(reader, row, scan.Winners, clean, rejects);
            }
        }

        clean.Flush();
        rejects.Flush();
        return rows;
    }

    private static void WriteHeaders(CompiledContract contract, HeaderLayout layout, CsvByteWriter clean, CsvByteWriter rejects)
    {
        var names = contract.Contract.Columns.Select(c => c.Name).Append(contract.Contract.SourceRowColumn);
        clean.WriteRaw(Encoding.UTF8.GetBytes(string.Join(',', names) + "\n"));
        foreach (var name in layout.RawNames)
        {
            rejects.WriteField(Encoding.UTF8.GetBytes(name), neutralise: true);
            rejects.WriteByte((byte)',');
        }

        rejects.WriteRaw(Encoding.UTF8.GetBytes(contract.Contract.SourceRowColumn + ",reasons\n"));
    }
}
