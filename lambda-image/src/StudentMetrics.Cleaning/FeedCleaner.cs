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
    // Rows between two looks at the cancellation token: often enough to stop within milliseconds, rare enough to cost nothing.
    private const uint CancellationStride = 4096;

    /// <summary>Cleans into two streams the caller has already opened.</summary>
    public CleaningReport Clean(IRawFile input, Stream cleanOutput, Stream rejectsOutput, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cleanOutput);
        ArgumentNullException.ThrowIfNull(rejectsOutput);
        return Clean(input, _ => new CleanerOutputs(cleanOutput, rejectsOutput), cancellationToken);
    }

    /// <param name="openOutputs">Called once the first pass knows the file's identity, and only when there are rows to write.</param>
    /// <exception cref="OperationCanceledException">The token was cancelled (a deadline): nothing is complete, the caller discards the outputs.</exception>
    public CleaningReport Clean(IRawFile input, Func<ReportSource, CleanerOutputs> openOutputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(openOutputs);
        var (report, first) = ReadOnce(input, cancellationToken);
        var problem = first.HasNul ? QuarantineReasons.HoldsNul()
            : first.Kind == TextEncodingKind.Utf8Bom && !first.ValidUtf8 ? QuarantineReasons.InvalidUtf8AfterBom()
            : LineOf(first.Scan, input, first.Kind) ?? first.Scan.Problem;
        if (problem is not null)
        {
            return report.Quarantined(problem, null);
        }

        RowCleaner rows;
        try
        {
            var permitted = options.PermittedValues is { } values ? new PermittedValues(values) : null;
            rows = CleanRows(input, first.Kind, first.Scan, report.Contract, permitted, openOutputs(report.Source), cancellationToken);
        }
        catch (RecordTooLargeException e)
        {
            return report.Quarantined(QuarantineReasons.RecordTooLarge(e.LimitBytes, LineAt(input, first.Kind, e.RecordOffset)), null);
        }

        var read = rows.RowsClean + rows.RowsRejected;
        var ratio = options.QuarantineRejectRatio ?? options.Contract.QuarantineRejectRatio;
        if (rows.RowsRejected > read * ratio)
        {
            return report.Quarantined(QuarantineReasons.TooManyRejectedRows(rows.RowsRejected, read, ratio), rows);
        }

        return report.Cleaned(rows);
    }

    /// <summary>
    /// Sets a file aside for a reason found before its content is read (where it came from, what it is named): the
    /// first pass still runs, so the report names the file's content (hash, encoding, header) like any other.
    /// </summary>
    public CleaningReport SetAside(IRawFile input, QuarantineReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(reason);
        return ReadOnce(input, cancellationToken).Report.Quarantined(reason, null);
    }

    /// <summary>Pass 1: the file's identity, encoding, header and key winners.</summary>
    private (ReportBuilder Report, FirstPass First) ReadOnce(IRawFile input, CancellationToken cancellationToken)
    {
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
            scan = ScanKeys(text, input.Length, contract, cancellationToken);
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
            scan = ScanKeys(text, input.Length, contract, cancellationToken);
        }

        var source = new ReportSource { Location = input.Location, Key = input.Key, SizeBytes = size, Sha256 = sha };
        return (new ReportBuilder(contract, source, kind, scan, started, watch), new FirstPass(kind, scan, hasNul, validUtf8));
    }

    // The first pass saw where a problem starts as a byte offset; a person needs the line an editor shows it on.
    private static QuarantineReason? LineOf(KeyScan scan, IRawFile input, TextEncodingKind kind) =>
        scan.TooLargeRecordAt >= 0 ? QuarantineReasons.RecordTooLarge(scan.TooLargeLimit, LineAt(input, kind, scan.TooLargeRecordAt))
        : scan.UnclosedQuoteAt >= 0 ? QuarantineReasons.UnclosedQuote(LineAt(input, kind, scan.UnclosedQuoteAt))
        : null;

    private static long LineAt(IRawFile input, TextEncodingKind kind, long offset)
    {
        using var raw = input.OpenRead();
        TextEncodings.SkipBom(raw, kind);
        using var text = TextEncodings.AsUtf8(raw, kind);
        return LineNumbers.LineAt(text, offset);
    }

    private const int SizingSample = 2048;

    private KeyScan ScanKeys(Stream text, long sizeHint, CompiledContract contract, CancellationToken cancellationToken)
    {
        var reader = new Utf8CsvReader(text, options.MaxRecordBytes);
        try
        {
            var delimiter = reader.DetectDelimiter();
            if (!ReadHeader(reader))
            {
                return new KeyScan { Delimiter = delimiter, Problem = QuarantineReasons.EmptyFile() };
            }

            var cells = new string[reader.FieldCount];
            for (var f = 0; f < cells.Length; f++)
            {
                cells[f] = Encoding.UTF8.GetString(reader[f]);
            }

            var layout = HeaderLayout.Match(contract.Contract, cells);
            if (layout.Problem is not null)
            {
                return new KeyScan { Delimiter = delimiter, Layout = layout, Problem = layout.Problem, UnclosedQuoteAt = reader.UnclosedQuoteOffset };
            }

            var rows = new RowCleaner(contract, layout, delimiter);
            var winners = new DuplicateKeyTable();
            uint row = 0;
            long dataRows = 0;
            var firstRowAt = reader.Offset;
            while (reader.Read())
            {
                row++;
                if (row % CancellationStride == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

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
                UnclosedQuoteAt = reader.UnclosedQuoteOffset,
                Problem = dataRows == 0 && reader.UnclosedQuoteOffset < 0 ? QuarantineReasons.NoDataRows() : null,
            };
        }
        catch (RecordTooLargeException e)
        {
            return new KeyScan { TooLargeRecordAt = e.RecordOffset, TooLargeLimit = e.LimitBytes };
        }
    }

    /// <summary>Reads up to the header: lines of nothing but white space and delimiters before it are not a header.</summary>
    private static bool ReadHeader(Utf8CsvReader reader)
    {
        while (reader.Read())
        {
            if (!RowCleaner.IsBlank(reader))
            {
                return true;
            }
        }

        return false;
    }

    private RowCleaner CleanRows(
        IRawFile input, TextEncodingKind kind, KeyScan scan, CompiledContract contract, PermittedValues? permitted, CleanerOutputs outputs, CancellationToken cancellationToken)
    {
        using var raw = input.OpenRead();
        TextEncodings.SkipBom(raw, kind);
        using var text = TextEncodings.AsUtf8(raw, kind);
        var reader = new Utf8CsvReader(text, options.MaxRecordBytes);
        reader.Delimiter = reader.DetectDelimiter();
        ReadHeader(reader);
        var layout = scan.Layout!;
        var clean = new CsvByteWriter(outputs.Clean);
        var rejects = new CsvByteWriter(outputs.Rejects);
        WriteHeaders(contract, layout, clean, rejects);
        var rows = new RowCleaner(contract, layout, scan.Delimiter, permitted);
        uint row = 0;
        while (reader.Read())
        {
            row++;
            if (row % CancellationStride == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

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

    private readonly record struct FirstPass(TextEncodingKind Kind, KeyScan Scan, bool HasNul, bool ValidUtf8);
}
