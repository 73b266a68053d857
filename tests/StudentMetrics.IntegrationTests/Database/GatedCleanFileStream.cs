using System.Globalization;
using System.Text;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// A cleaned file of many rows, generated as it is read, that stops after <c>gateAfterRows</c> rows until released:
/// the loader is then in the middle of its COPY, for as long as a test needs.
/// </summary>
internal sealed class GatedCleanFileStream(int rows, int gateAfterRows) : Stream
{
    private readonly ManualResetEventSlim _released = new(initialState: false);
    private readonly TaskCompletionSource _reachedGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _pending = Encoding.UTF8.GetBytes(CleanFile.Header + "\n");
    private int _offset;
    private int _nextRow = 1;

    /// <summary>Completes when the reader has consumed every row before the gate and asks for more.</summary>
    public Task ReachedGate => _reachedGate.Task;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public static string Row(int n) => new CleanRow($"S{n:D7}", "2024-2025-S1", "2025-01-10").ToCsv(n);

    public void Release() => _released.Set();

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (_offset == _pending.Length)
        {
            if (_nextRow > rows)
            {
                return 0;
            }

            if (_nextRow > gateAfterRows && !_released.IsSet)
            {
                _reachedGate.TrySetResult();
                _released.Wait(TimeSpan.FromMinutes(2));
            }

            var chunk = new StringBuilder();
            for (var i = 0; i < 500 && _nextRow <= rows; i++, _nextRow++)
            {
                chunk.Append(Row(_nextRow)).Append('\n');
            }

            _pending = Encoding.UTF8.GetBytes(chunk.ToString());
            _offset = 0;
        }

        var n = Math.Min(count, _pending.Length - _offset);
        Array.Copy(_pending, _offset, buffer, offset, n);
        _offset += n;
        return n;
    }

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
            _released.Set();
            _released.Dispose();
        }

        base.Dispose(disposing);
    }

    public static string Sha256Of(int rows) => Convert.ToHexStringLower(
        System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"gated:{rows}"))));
}
