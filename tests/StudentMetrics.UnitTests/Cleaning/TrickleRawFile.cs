using StudentMetrics.Cleaning;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>A raw file whose streams hand out at most a few bytes a read, so every buffer edge falls somewhere awkward.</summary>
internal sealed class TrickleRawFile(byte[] content, int maxBytesPerRead) : IRawFile
{
    public string Location => "memory";

    public string Key => "trickle.csv";

    public string Version => "v1";

    public long Length => content.Length;

    public Stream OpenRead() => new TrickleStream(new MemoryStream(content, writable: false), maxBytesPerRead);

    private sealed class TrickleStream(Stream inner, int most) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, most));

        public override int Read(Span<byte> buffer) => inner.Read(buffer[..Math.Min(buffer.Length, most)]);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
