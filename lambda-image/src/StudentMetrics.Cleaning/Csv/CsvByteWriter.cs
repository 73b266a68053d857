namespace StudentMetrics.Cleaning.Csv;

/// <summary>
/// Comma-delimited UTF-8 with LF line endings, written through one buffer. A row is built in place and can
/// be dropped before it is committed (<see cref="Mark"/>/<see cref="Rewind"/>), so a cleaned row costs no copy.
/// </summary>
internal sealed class CsvByteWriter(Stream output)
{
    private const int FlushAt = 1 << 16;
    private byte[] _buffer = new byte[(FlushAt * 2) + 4096];
    private int _length;

    /// <summary>Makes sure the next <paramref name="bytes"/> fit without a flush (call between rows only).</summary>
    public void Reserve(int bytes)
    {
        if (_length >= FlushAt)
        {
            Flush();
        }

        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, _length + bytes);
        }
    }

    public int Mark() => _length;

    public void Rewind(int mark) => _length = mark;

    /// <summary>Room to write into directly; follow with <see cref="Advance"/>.</summary>
    public Span<byte> Free => _buffer.AsSpan(_length);

    public ReadOnlySpan<byte> Written(int from, int to) => _buffer.AsSpan(from, to - from);

    public void Advance(int bytes) => _length += bytes;

    public void WriteByte(byte b) => _buffer[_length++] = b;

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void WriteNumber(long value) => _length += Contract.Ascii.WriteInteger(value, _buffer.AsSpan(_length));

    /// <summary>
    /// A field quoted when it must be. With <paramref name="neutralise"/>, a value a spreadsheet would run as a
    /// formula (starting with = + - @ tab or CR) gets a leading apostrophe.
    /// </summary>
    public void WriteField(ReadOnlySpan<byte> value, bool neutralise)
    {
        Reserve((value.Length * 2) + 4);
        var needsQuotes = value.IndexOfAny("\",\r\n"u8) >= 0;
        if (needsQuotes)
        {
            _buffer[_length++] = (byte)'"';
        }

        if (neutralise && value.Length > 0 && value[0] is (byte)'=' or (byte)'+' or (byte)'-' or (byte)'@' or (byte)'\t' or (byte)'\r')
        {
            _buffer[_length++] = (byte)'\'';
        }

        if (needsQuotes)
        {
            foreach (var b in value)
            {
                _buffer[_length++] = b;
                if (b == '"')
                {
                    _buffer[_length++] = b;
                }
            }

            _buffer[_length++] = (byte)'"';
        }
        else
        {
            WriteRaw(value);
        }
    }

    public void Flush()
    {
        output.Write(_buffer, 0, _length);
        _length = 0;
    }
}
