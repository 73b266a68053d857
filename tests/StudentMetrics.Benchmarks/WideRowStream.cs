using System.Text;

namespace StudentMetrics.Benchmarks;

/// <summary>
/// A <c>student_metrics</c> export generated as it is read, never stored: valid rows with a long free-text
/// column the contract does not know. Used to show that the cleaner's memory does not grow with the file.
/// </summary>
internal sealed class WideRowStream : Stream
{
    private readonly long _rows;
    private readonly byte[] _header;
    private readonly byte[] _template;
    private readonly int _idAt;
    private long _row = -1;
    private byte[] _current;
    private int _at;

    public WideRowStream(long rows, int textBytes)
    {
        _rows = rows;
        _header = Encoding.UTF8.GetBytes(MetricsFileGenerator.Header + ",teacher_notes\n");
        var text = new string('x', textBytes - 2);
        var line = $"S0000000,SCH-101,9,2023-2024-S1,85.50,90.00,77.25,3.40,180,175,2,0,2024-03-01,\"{text}\"\n";
        _template = Encoding.UTF8.GetBytes(line);
        _idAt = 1;
        _current = _header;
    }

    /// <summary>Bytes the stream yields in all.</summary>
    public long TotalLength => _header.Length + (_rows * _template.Length);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => TotalLength;

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_at == _current.Length)
            {
                if (_row + 1 >= _rows)
                {
                    break;
                }

                _row++;
                _current = _template;
                _at = 0;
                var id = _row;
                for (var d = 7; d >= 1; d--)
                {
                    _template[_idAt + d - 1] = (byte)('0' + (id % 10));
                    id /= 10;
                }
            }

            var n = Math.Min(buffer.Length - written, _current.Length - _at);
            _current.AsSpan(_at, n).CopyTo(buffer[written..]);
            _at += n;
            written += n;
        }

        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
