using System.Security.Cryptography;
using System.Text.Unicode;

namespace StudentMetrics.Cleaning.Csv;

/// <summary>
/// The raw bytes as they pass on their way to the reader: SHA-256 of the whole content, its length, the
/// byte-order mark, NUL code units and UTF-8 validity, so that one pass settles a file's identity and encoding.
/// </summary>
internal sealed class InspectingStream(Stream inner) : Stream
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _carry = new byte[4];
    private int _carryLength;
    private byte[] _pending = [];
    private int _pendingAt;
    private long _afterBom;

    public TextEncodingKind Kind { get; private set; } = TextEncodingKind.Utf8;

    public long BytesRead { get; private set; }

    public bool HasNul { get; private set; }

    /// <summary>False once a byte sequence that is not UTF-8 has passed (only checked for UTF-8 with or without BOM).</summary>
    public bool IsValidUtf8 { get; private set; } = true;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Reads the first bytes to find a byte-order mark; what follows the mark is handed on by later reads.</summary>
    public TextEncodingKind DetectBom()
    {
        var start = new byte[3];
        var n = 0;
        while (n < start.Length)
        {
            var got = inner.Read(start, n, start.Length - n);
            if (got == 0)
            {
                break;
            }

            n += got;
        }

        _sha.AppendData(start, 0, n);
        BytesRead = n;
        Kind = TextEncodings.FromBom(start.AsSpan(0, n));
        var bom = TextEncodings.BomLength(Kind);
        _pending = start[bom..n];
        _pendingAt = 0;
        Inspect(_pending);
        return Kind;
    }

    /// <summary>Reads whatever the reader left unread, so that the hash and checks cover the whole content.</summary>
    public void ReadToEnd()
    {
        var sink = new byte[1 << 16];
        while (Read(sink, 0, sink.Length) > 0)
        {
        }
    }

    /// <summary>The hash of everything read; call once, after <see cref="ReadToEnd"/>.</summary>
    public string Sha256Hex()
    {
        if (_carryLength > 0)
        {
            IsValidUtf8 = false;
        }

        return Convert.ToHexStringLower(_sha.GetHashAndReset());
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_pendingAt < _pending.Length)
        {
            var n = Math.Min(buffer.Length, _pending.Length - _pendingAt);
            _pending.AsSpan(_pendingAt, n).CopyTo(buffer);
            _pendingAt += n;
            return n;
        }

        var read = inner.Read(buffer);
        var got = buffer[..read];
        _sha.AppendData(got);
        BytesRead += read;
        Inspect(got);
        return read;
    }

    private void Inspect(ReadOnlySpan<byte> data)
    {
        if (Kind is TextEncodingKind.Utf16LittleEndian or TextEncodingKind.Utf16BigEndian)
        {
            InspectUtf16(data);
            return;
        }

        if (!HasNul && data.Contains((byte)0))
        {
            HasNul = true;
        }

        if (IsValidUtf8)
        {
            ValidateUtf8(data);
        }
    }

    private void InspectUtf16(ReadOnlySpan<byte> data)
    {
        // A NUL is a zero code unit: two zero bytes at an even offset after the mark.
        foreach (var b in data)
        {
            if ((_afterBom & 1) == 1 && b == 0 && _carry[0] == 0)
            {
                HasNul = true;
            }

            _carry[0] = b;
            _afterBom++;
        }
    }

    private void ValidateUtf8(ReadOnlySpan<byte> data)
    {
        if (_carryLength > 0)
        {
            var length = SequenceLength(_carry[0]);
            var take = Math.Min(length - _carryLength, data.Length);
            data[..take].CopyTo(_carry.AsSpan(_carryLength));
            _carryLength += take;
            data = data[take..];
            if (_carryLength < length)
            {
                return;
            }

            if (!Utf8.IsValid(_carry.AsSpan(0, _carryLength)))
            {
                IsValidUtf8 = false;
                return;
            }

            _carryLength = 0;
        }

        // A sequence cut by the end of this read is checked when the rest of it arrives.
        var cut = data.Length;
        for (var i = data.Length - 1; i >= 0 && i >= data.Length - 3; i--)
        {
            var b = data[i];
            if (b < 0x80)
            {
                break;
            }

            if (b >= 0xC0)
            {
                if (data.Length - i < SequenceLength(b))
                {
                    cut = i;
                }

                break;
            }
        }

        if (!Utf8.IsValid(data[..cut]))
        {
            IsValidUtf8 = false;
            return;
        }

        data[cut..].CopyTo(_carry);
        _carryLength = data.Length - cut;
    }

    private static int SequenceLength(byte lead) => lead switch
    {
        >= 0xC2 and <= 0xDF => 2,
        >= 0xE0 and <= 0xEF => 3,
        >= 0xF0 and <= 0xF4 => 4,
        _ => 1,
    };

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha.Dispose();
        }

        base.Dispose(disposing);
    }
}
