using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cleaning.Csv;

namespace StudentMetrics.Cleaning;

/// <summary>
/// Applies the contract to one record at a time: the key pass asks it for a row's key and date, the clean
/// pass for the whole verdict. Both go through <see cref="ReadColumn"/>, so a key is valid in one pass exactly
/// when it is valid in the other. Canonical values are written straight into the cleaned file's buffer.
/// </summary>
internal sealed class RowCleaner
{
    private readonly CompiledContract _contract;
    private readonly HeaderLayout _layout;
    private readonly bool _commaIsDecimal;
    private readonly int _fields;
    private readonly long[] _stored;
    private readonly bool[] _valid;
    private readonly bool[] _null;
    private readonly int[] _outputFrom;
    private readonly int[] _outputTo;
    private readonly byte[] _scratch;
    private readonly int[] _reasons;
    private readonly int[] _limitedColumns;
    private readonly int[] _fieldOfColumn;
    private readonly CompiledColumn[] _columns;
    private readonly int _maxFieldLength;
    private readonly PermittedValues? _permitted;
    private int _reasonCount;

    /// <param name="permitted">The values the file's source may send in the contract's permission column; null: any.</param>
    public RowCleaner(CompiledContract contract, HeaderLayout layout, byte delimiter, PermittedValues? permitted = null)
    {
        _contract = contract;
        _layout = layout;
        _commaIsDecimal = delimiter == ';';
        _fields = layout.RawNames.Count;
        var columns = contract.Columns.Length;
        _stored = new long[columns];
        _valid = new bool[columns];
        _null = new bool[columns];
        _outputFrom = new int[columns];
        _outputTo = new int[columns];
        _scratch = new byte[contract.CanonicalRowBytes];
        _reasons = new int[(columns * 2) + 4];
        ReasonCounts = new long[contract.ReasonNames.Length];
        _fieldOfColumn = layout.FieldOfColumn;
        _columns = contract.Columns;
        _maxFieldLength = contract.Contract.MaxFieldLength;
        _limitedColumns = [.. Enumerable.Range(0, columns).Where(c => contract.Columns[c].AtMost >= 0)];
        _permitted = contract.PermissionColumn >= 0 ? permitted : null;
    }

    /// <summary>Rejected rows per reason number.</summary>
    public long[] ReasonCounts { get; }

    public long RowsClean { get; private set; }

    public long RowsRejected { get; private set; }

    /// <summary>Nothing but white space in every cell: not a data row.</summary>
    public static bool IsBlank(Utf8CsvReader record)
    {
        for (var f = 0; f < record.FieldCount; f++)
        {
            if (!Ascii.Trim(record[f]).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }

    public bool HasExpectedFieldCount(Utf8CsvReader record) =>
        record.FieldCount == _fields
        || (_layout.TrailingEmptyIgnored && record.FieldCount == _fields + 1 && Ascii.Trim(record[_fields]).IsEmpty);

    /// <summary>The row's key hash and date, when the key columns and the date are all valid.</summary>
    public bool TryReadKey(Utf8CsvReader record, out ulong hash, out int day)
    {
        hash = 0;
        day = 0;
        var h = DuplicateKeyTable.HashSeed;
        foreach (var c in _contract.KeyColumns)
        {
            var outcome = ReadColumn(c, record, _scratch, out var written, out _);
            if (outcome != ValueOutcome.Ok && !(outcome == ValueOutcome.Null && _contract.KeyAllowsNull))
            {
                return false;
            }

            h = DuplicateKeyTable.HashAdd(h, _scratch.AsSpan(0, written));
        }

        long stored = 0;
        if (_contract.RecencyColumn >= 0 && ReadColumn(_contract.RecencyColumn, record, _scratch, out _, out stored) != ValueOutcome.Ok)
        {
            return false;
        }

        hash = DuplicateKeyTable.HashFinish(h);
        day = (int)stored;
        return true;
    }

    /// <summary>Writes the row to the cleaned file if it keeps every rule, else to the rejects with every rule it breaks.</summary>
    public void Clean(Utf8CsvReader record, uint row, DuplicateKeyTable winners, CsvByteWriter clean, CsvByteWriter rejects)
    {
        _reasonCount = 0;
        if (!HasExpectedFieldCount(record))
        {
            // Misaligned cells make every other verdict noise: the field count is the one reason.
            _reasons[_reasonCount++] = _contract.WrongFieldCount;
            Reject(record, row, rejects);
            return;
        }

        var columns = _contract.Columns;
        clean.Reserve(_contract.CanonicalRowBytes);
        var rowStart = clean.Mark();
        for (var c = 0; c < columns.Length; c++)
        {
            if (c > 0)
            {
                clean.WriteByte((byte)',');
            }

            _outputFrom[c] = clean.Mark();
            var outcome = ReadColumn(c, record, clean.Free, out var written, out var stored);
            _valid[c] = outcome == ValueOutcome.Ok;
            _null[c] = outcome == ValueOutcome.Null;
            switch (outcome)
            {
                case ValueOutcome.Ok:
                    clean.Advance(written);
                    _stored[c] = stored;
                    break;
                case ValueOutcome.Null:
                    if (columns[c].Required)
                    {
                        _reasons[_reasonCount++] = CompiledContract.Reason(c, CompiledContract.Missing);
                    }

                    break;
                case ValueOutcome.TooLong:
                    _reasons[_reasonCount++] = CompiledContract.Reason(c, CompiledContract.TooLong);
                    break;
                default:
                    _reasons[_reasonCount++] = CompiledContract.Reason(c, CompiledContract.CodeOf(columns[c].Type, outcome));
                    break;
            }

            _outputTo[c] = clean.Mark();
        }

        foreach (var c in _limitedColumns)
        {
            var limit = columns[c].AtMost;
            if (_valid[c] && _valid[limit] && _stored[c] > _stored[limit])
            {
                _reasons[_reasonCount++] = CompiledContract.Reason(c, CompiledContract.AtMostBroken);
            }
        }

        if (_permitted is not null && _valid[_contract.PermissionColumn]
            && !_permitted.Contains(clean.Written(_outputFrom[_contract.PermissionColumn], _outputTo[_contract.PermissionColumn])))
        {
            // A school the source is not registered for: one source must never write another's students.
            _reasons[_reasonCount++] = _contract.NotPermittedForSource;
        }

        if (winners.ContestedKeys > 0 && IsKeyValid())
        {
            var h = DuplicateKeyTable.HashSeed;
            foreach (var c in _contract.KeyColumns)
            {
                h = DuplicateKeyTable.HashAdd(h, clean.Written(_outputFrom[c], _outputTo[c]));
            }

            if (winners.IsBeaten(DuplicateKeyTable.HashFinish(h), row))
            {
                _reasons[_reasonCount++] = _contract.DuplicateKey;
            }
        }

        if (_reasonCount == 0)
        {
            clean.WriteByte((byte)',');
            clean.WriteNumber(row);
            clean.WriteByte((byte)'\n');
            RowsClean++;
            return;
        }

        clean.Rewind(rowStart);
        Reject(record, row, rejects);
    }

    private bool IsKeyValid()
    {
        foreach (var c in _contract.KeyColumns)
        {
            if (!_valid[c] && !(_null[c] && _contract.KeyAllowsNull))
            {
                return false;
            }
        }

        return _contract.RecencyColumn < 0 || _valid[_contract.RecencyColumn];
    }

    private ValueOutcome ReadColumn(int column, Utf8CsvReader record, Span<byte> output, out int written, out long stored)
    {
        written = 0;
        stored = 0;
        var field = _fieldOfColumn[column];
        if (field < 0)
        {
            return ValueOutcome.Null;
        }

        var raw = record[field];
        var limit = _maxFieldLength;
        if (raw.Length > limit && Ascii.CharacterCount(raw) > limit)
        {
            return ValueOutcome.TooLong;
        }

        var value = Ascii.Trim(raw);
        return _contract.IsNull(value)
            ? ValueOutcome.Null
            : ValueReader.Read(_columns[column], value, _commaIsDecimal, output, out written, out stored);
    }

    private void Reject(Utf8CsvReader record, uint row, CsvByteWriter rejects)
    {
        for (var f = 0; f < _fields; f++)
        {
            if (f > 0)
            {
                rejects.WriteByte((byte)',');
            }

            rejects.WriteField(f < record.FieldCount ? record[f] : default, neutralise: true);
        }

        rejects.Reserve(32);
        rejects.WriteByte((byte)',');
        rejects.WriteNumber(row);
        rejects.WriteByte((byte)',');
        for (var i = 0; i < _reasonCount; i++)
        {
            var name = _contract.ReasonNames[_reasons[i]];
            rejects.Reserve(name.Length + 1);
            if (i > 0)
            {
                rejects.WriteByte((byte)';');
            }

            foreach (var ch in name)
            {
                rejects.WriteByte((byte)ch);
            }

            ReasonCounts[_reasons[i]]++;
        }

        // Cells beyond the header are kept after the reasons, so that nothing a school sent goes unseen.
        var ignoredTrailing = _layout.TrailingEmptyIgnored && record.FieldCount == _fields + 1 && Ascii.Trim(record[_fields]).IsEmpty;
        for (var f = _fields; f < record.FieldCount && !ignoredTrailing; f++)
        {
            rejects.WriteByte((byte)',');
            rejects.WriteField(record[f], neutralise: true);
        }

        rejects.Reserve(1);
        rejects.WriteByte((byte)'\n');
        RowsRejected++;
    }
}
