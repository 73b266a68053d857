namespace StudentMetrics.Cleaning.Csv;

/// <summary>
/// Windows-1252 bytes as UTF-8, read-only and forward-only. Written out rather than taken from the
/// code-pages provider so that the AOT image carries no code-page tables. The five bytes 1252 leaves
/// undefined map to the C1 controls of the same value, as Windows itself does.
/// </summary>
internal sealed class Windows1252ToUtf8Stream(Stream inner) : Stream
{
    private static readonly char[] HighHalf =
    [
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178',
    ];

    private readonly byte[] _spill = new byte[3];
    private byte[] _raw = [];
    private int _spillAt;
    private int _spillLength;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_spillLength > _spillAt)
        {
            // Bytes of a character that did not fit the caller's last, too small, buffer.
            var n = Math.Min(buffer.Length, _spillLength - _spillAt);
            _spill.AsSpan(_spillAt, n).CopyTo(buffer);
            _spillAt += n;
            return n;
        }

        if (buffer.Length < 3)
        {
            // Too small for the widest character: decode one into the spill and hand out what fits.
            var one = new byte[1];
            if (inner.Read(one, 0, 1) == 0)
            {
                return 0;
            }

            _spillLength = Encode(one[0], _spill);
            _spillAt = 0;
            return Read(buffer);
        }

        // One input byte becomes at most three output bytes.
        var want = buffer.Length / 3;
        if (_raw.Length < want)
        {
            _raw = new byte[want];
        }

        var read = inner.Read(_raw, 0, want);
        var w = 0;
        for (var i = 0; i < read; i++)
        {
            w += Encode(_raw[i], buffer[w..]);
        }

        return w;
    }

    private static int Encode(byte b, Span<byte> output)
    {
        int c = b is >= 0x80 and < 0xA0 ? HighHalf[b - 0x80] : b;
        if (c < 0x80)
        {
            output[0] = (byte)c;
            return 1;
        }

        if (c < 0x800)
        {
            output[0] = (byte)(0xC0 | (c >> 6));
            output[1] = (byte)(0x80 | (c & 0x3F));
            return 2;
        }

        output[0] = (byte)(0xE0 | (c >> 12));
        output[1] = (byte)(0x80 | ((c >> 6) & 0x3F));
        output[2] = (byte)(0x80 | (c & 0x3F));
        return 3;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
