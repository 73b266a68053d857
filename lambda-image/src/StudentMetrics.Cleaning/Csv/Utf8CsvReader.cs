using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace StudentMetrics.Cleaning.Csv;

/// <summary>
/// RFC 4180 records straight from UTF-8 bytes: fields are spans into one reusable buffer, so reading a
/// record allocates nothing. Quoted fields may hold delimiters, <c>""</c> and line breaks; LF, CRLF and
/// lone CR end records, mixed freely. Memory is the buffer, which grows only to hold one record.
/// </summary>
internal sealed class Utf8CsvReader
{
    private const byte Quote = (byte)'"';
    private const int InitialBufferBytes = 1 << 18;

    private readonly Stream _stream;
    private readonly int _maxRecordBytes;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _position;
    private int _end;
    private bool _eof;
    private int[] _starts = new int[32];
    private int[] _ends = new int[32];
    private bool[] _escaped = new bool[32];
    private bool _anyEscaped;
    private long _discarded;
    private byte _delimiter = (byte)',';
    private SearchValues<byte> _stops = SearchValues.Create(",\r\n"u8);
    private static readonly SearchValues<byte> LineStops = SearchValues.Create("\"\r\n"u8);

    public Utf8CsvReader(Stream stream, int maxRecordBytes)
    {
        _stream = stream;
        _maxRecordBytes = Math.Max(maxRecordBytes, InitialBufferBytes);
    }

    public int FieldCount { get; private set; }

    /// <summary>Where (a byte offset of the input) a quote opened that the end of the input left open, or -1.</summary>
    public long UnclosedQuoteOffset { get; private set; } = -1;

    /// <summary>Bytes of the input consumed by the records read so far.</summary>
    public long Offset => _discarded + _position;

    public byte Delimiter
    {
        get => _delimiter;
        set
        {
            _delimiter = value;
            _stops = SearchValues.Create([value, (byte)'\r', (byte)'\n']);
        }
    }

    public ReadOnlySpan<byte> this[int field] => _buffer.AsSpan(_starts[field], _ends[field] - _starts[field]);

    /// <summary>
    /// Picks the delimiter from the first non-empty line: whichever of <c>,</c> <c>;</c> and tab occurs most often
    /// outside quotes (ties and none go to <c>,</c>). Leading blank lines are skipped.
    /// </summary>
    public byte DetectDelimiter()
    {
        while (true)
        {
            while (_position < _end && _buffer[_position] is (byte)'\r' or (byte)'\n')
            {
                _position++;
            }

            int commas = 0, semicolons = 0, tabs = 0;
            var quoted = false;
            var complete = false;
            for (var i = _position; i < _end; i++)
            {
                var b = _buffer[i];
                if (b == Quote)
                {
                    quoted = !quoted;
                }
                else if (!quoted)
                {
                    if (b is (byte)'\r' or (byte)'\n')
                    {
                        complete = true;
                        break;
                    }

                    commas += b == ',' ? 1 : 0;
                    semicolons += b == ';' ? 1 : 0;
                    tabs += b == '\t' ? 1 : 0;
                }
            }

            if (complete || _eof)
            {
                Delimiter = semicolons > commas && semicolons >= tabs ? (byte)';' : tabs > commas && tabs > semicolons ? (byte)'\t' : (byte)',';
                return Delimiter;
            }

            Fill();
        }
    }

    /// <summary>Reads the next record; false at the end of the input.</summary>
    public bool Read()
    {
        while (true)
        {
            var next = TryParse();
            if (next >= 0)
            {
                _position = next;
                if (_anyEscaped)
                {
                    Unescape();
                }

                return true;
            }

            if (next == EndOfInput)
            {
                return false;
            }

            Fill();
        }
    }

    private const int NeedMore = -1;
    private const int EndOfInput = -2;

    /// <returns>Where the next record starts, or <see cref="NeedMore"/>, or <see cref="EndOfInput"/>.</returns>
    private int TryParse()
    {
        var buffer = _buffer;
        var end = _end;
        var p = _position;
        if (p >= end)
        {
            return _eof ? EndOfInput : NeedMore;
        }

        var simple = TryParseUnquotedLine(p);
        if (simple != NeedMore)
        {
            return simple;
        }

        var field = 0;
        while (true)
        {
            if (field == _starts.Length)
            {
                GrowFields();
            }

            if (p == end)
            {
                if (!_eof)
                {
                    return NeedMore;
                }

                _starts[field] = _ends[field] = p;
                _escaped[field] = false;
                FieldCount = field + 1;
                return p;
            }

            if (buffer[p] == Quote)
            {
                var open = p;
                var q = p + 1;
                var escaped = false;
                var closed = true;
                while (true)
                {
                    var k = buffer.AsSpan(q, end - q).IndexOf(Quote);
                    if (k < 0)
                    {
                        if (!_eof)
                        {
                            return NeedMore;
                        }

                        // An unclosed quote at the end of the input: the field runs to the end.
                        q = end;
                        closed = false;
                        if (UnclosedQuoteOffset < 0)
                        {
                            UnclosedQuoteOffset = _discarded + open;
                        }

                        break;
                    }

                    q += k;
                    if (q + 1 == end && !_eof)
                    {
                        return NeedMore;
                    }

                    if (q + 1 < end && buffer[q + 1] == Quote)
                    {
                        escaped = true;
                        q += 2;
                        continue;
                    }

                    break;
                }

                _starts[field] = open + 1;
                _ends[field] = q;
                _escaped[field] = escaped;
                _anyEscaped |= escaped;
                p = closed ? q + 1 : q;
                if (p < end && !_stops.Contains(buffer[p]))
                {
                    // Text after the closing quote: white space is dropped, anything else makes the field literal.
                    var k = buffer.AsSpan(p, end - p).IndexOfAny(_stops);
                    if (k < 0 && !_eof)
                    {
                        return NeedMore;
                    }

                    var stop = k < 0 ? end : p + k;
                    var onlySpace = true;
                    for (var i = p; i < stop; i++)
                    {
                        onlySpace &= buffer[i] is (byte)' ' or (byte)'\t';
                    }

                    if (!onlySpace)
                    {
                        _starts[field] = open;
                        _ends[field] = stop;
                        _escaped[field] = false;
                    }

                    p = stop;
                }
            }
            else
            {
                var k = buffer.AsSpan(p, end - p).IndexOfAny(_stops);
                if (k < 0)
                {
                    if (!_eof)
                    {
                        return NeedMore;
                    }

                    k = end - p;
                }

                _starts[field] = p;
                _ends[field] = p + k;
                _escaped[field] = false;
                p += k;
            }

            field++;
            if (p == end)
            {
                if (!_eof)
                {
                    return NeedMore;
                }

                FieldCount = field;
                return p;
            }

            var b = buffer[p];
            if (b == _delimiter)
            {
                p++;
                continue;
            }

            FieldCount = field;
            if (b == '\n')
            {
                return p + 1;
            }

            // CR: a following LF belongs to it; a lone CR ends the record by itself.
            if (p + 1 == end && !_eof)
            {
                return NeedMore;
            }

            return p + 1 < end && buffer[p + 1] == '\n' ? p + 2 : p + 1;
        }
    }

    /// <summary>
    /// The common case, a record without quotes whose line end is in the buffer: find the end once, then split on
    /// the delimiter 32 bytes at a time. Returns <see cref="NeedMore"/> to leave anything else to the general parser.
    /// </summary>
    private int TryParseUnquotedLine(int p)
    {
        var buffer = _buffer;
        var k = buffer.AsSpan(p, _end - p).IndexOfAny(LineStops);
        if (k < 0)
        {
            return NeedMore;
        }

        var lineEnd = p + k;
        var stop = buffer[lineEnd];
        if (stop == Quote || (stop == '\r' && lineEnd + 1 == _end && !_eof))
        {
            return NeedMore;
        }

        while (_starts.Length <= k + 1)
        {
            GrowFields();
        }

        var starts = _starts;
        var ends = _ends;
        var field = 0;
        var start = p;
        var i = p;
        var delimiters = Vector256.Create(_delimiter);
        while (i < lineEnd)
        {
            if (i + Vector256<byte>.Count <= buffer.Length)
            {
                var mask = Vector256.Equals(Vector256.LoadUnsafe(ref buffer[0], (nuint)i), delimiters).ExtractMostSignificantBits();
                var left = lineEnd - i;
                if (left < Vector256<byte>.Count)
                {
                    mask &= (1u << left) - 1;
                }

                while (mask != 0)
                {
                    var at = i + BitOperations.TrailingZeroCount(mask);
                    starts[field] = start;
                    ends[field] = at;
                    field++;
                    start = at + 1;
                    mask &= mask - 1;
                }

                i += Vector256<byte>.Count;
            }
            else
            {
                if (buffer[i] == _delimiter)
                {
                    starts[field] = start;
                    ends[field] = i;
                    field++;
                    start = i + 1;
                }

                i++;
            }
        }

        starts[field] = start;
        ends[field] = lineEnd;
        field++;
        FieldCount = field;
        return stop == '\n' ? lineEnd + 1 : lineEnd + 1 < _end && buffer[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
    }

    private void Unescape()
    {
        for (var f = 0; f < FieldCount; f++)
        {
            if (!_escaped[f])
            {
                continue;
            }

            var span = _buffer.AsSpan(_starts[f], _ends[f] - _starts[f]);
            var w = 0;
            for (var r = 0; r < span.Length; r++)
            {
                span[w++] = span[r];
                if (span[r] == Quote && r + 1 < span.Length && span[r + 1] == Quote)
                {
                    r++;
                }
            }

            _ends[f] = _starts[f] + w;
            _escaped[f] = false;
        }

        _anyEscaped = false;
    }

    private void Fill()
    {
        if (_position > 0)
        {
            _discarded += _position;
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, _end - _position);
            _end -= _position;
            _position = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxRecordBytes)
            {
                throw new RecordTooLargeException(_maxRecordBytes, _discarded);
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _maxRecordBytes));
        }

        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
        }

        _end += n;
    }

    private void GrowFields()
    {
        Array.Resize(ref _starts, _starts.Length * 2);
        Array.Resize(ref _ends, _ends.Length * 2);
        Array.Resize(ref _escaped, _escaped.Length * 2);
    }
}
