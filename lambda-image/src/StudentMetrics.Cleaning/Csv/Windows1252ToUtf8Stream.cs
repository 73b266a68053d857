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

    private byte[] _raw = [];

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // One input byte becomes at most three output bytes.
        var want = Math.Max(1, buffer.Length / 3);
        if (buffer.Length < 3)
        {
            throw new ArgumentException("read at least 3 bytes at a time", nameof(buffer));
        }

        if (_raw.Length < want)
        {
            _raw = new byte[want];
        }

        var n = inner.Read(_raw, 0, want);
        var w = 0;
        for (var i = 0; i < n; i++)
        {
            var b = _raw[i];
            int c = b is >= 0x80 and < 0xA0 ? HighHalf[b - 0x80] : b;
            if (c < 0x80)
            {
                buffer[w++] = (byte)c;
            }
            else if (c < 0x800)
            {
                buffer[w++] = (byte)(0xC0 | (c >> 6));
                buffer[w++] = (byte)(0x80 | (c & 0x3F));
            }
            else
            {
                buffer[w++] = (byte)(0xE0 | (c >> 12));
                buffer[w++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                buffer[w++] = (byte)(0x80 | (c & 0x3F));
            }
        }

        return w;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
