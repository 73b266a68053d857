using System.Text;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cleaning.Csv;

namespace StudentMetrics.Cleaning;

/// <summary>
/// The school ids a raw file holds, as far as they can be read, for a file the cleaner quarantined: the ledger records
/// which schools an attempt concerned, so that freshness per school shows a quarantined attempt too. The cleaner stops
/// at the first problem; this reads past it (a missing column, too many rejected rows) as long as the header names the
/// feed's school column. Values are trimmed and upper-cased as the contract stores ids; the database keeps only those
/// shaped like one. Empty for a feed without schools, a header without the column, or a file that is not text.
/// </summary>
public static class SchoolIdScan
{
    // A quarantined file may hold anything in that column: a few hundred schools is a district, more is noise.
    private const int MaxSchools = 1000;

    public static IReadOnlyList<string> Read(IRawFile input, FeedContract contract, int maxRecordBytes = 16 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(contract);
        var column = contract.Columns.FirstOrDefault(c => c.Name == contract.SchoolColumn);
        if (column is null)
        {
            return [];
        }

        var kind = BomOf(input);
        using var raw = input.OpenRead();
        TextEncodings.SkipBom(raw, kind);
        var text = TextEncodings.AsUtf8(raw, kind);
        try
        {
            return Scan(new Utf8CsvReader(text, maxRecordBytes), column);
        }
        catch (RecordTooLargeException)
        {
            return [];
        }
        finally
        {
            if (!ReferenceEquals(text, raw))
            {
                text.Dispose();
            }
        }
    }

    private static List<string> Scan(Utf8CsvReader reader, ColumnSpec column)
    {
        reader.DetectDelimiter();
        var names = column.Aliases.Prepend(column.Name).Select(HeaderNames.Normalise).ToHashSet(StringComparer.Ordinal);
        var index = -1;
        while (index < 0 && reader.Read())
        {
            if (RowCleaner.IsBlank(reader))
            {
                continue;
            }

            for (var f = 0; f < reader.FieldCount && index < 0; f++)
            {
                index = names.Contains(HeaderNames.Normalise(Encoding.UTF8.GetString(reader[f]))) ? f : -1;
            }

            if (index < 0)
            {
                return [];
            }
        }

        var schools = new SortedSet<string>(StringComparer.Ordinal);
        while (index >= 0 && schools.Count < MaxSchools && reader.Read())
        {
            if (reader.FieldCount > index && Encoding.UTF8.GetString(reader[index]).Trim().ToUpperInvariant() is { Length: > 0 } id)
            {
                schools.Add(id);
            }
        }

        return [.. schools];
    }

    private static TextEncodingKind BomOf(IRawFile input)
    {
        using var raw = input.OpenRead();
        Span<byte> start = stackalloc byte[3];
        var read = raw.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return TextEncodings.FromBom(start[..read]);
    }
}
