using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Cleaning.Storage;

namespace StudentMetrics.Aws.S3;

/// <summary>
/// A write-only stream that becomes one S3 object: parts are uploaded as they fill, so an output of any size costs
/// one part buffer of memory. Nothing is visible in the bucket until <see cref="CompleteAsync"/>; an upload that is
/// disposed without completing is aborted, so a failed or quarantined run leaves no partial output behind.
/// </summary>
public sealed class S3MultipartUploadStream : Stream, IOutputObject
{
    /// <summary>S3 takes parts of at least 5 MiB, except the last.</summary>
    public const int DefaultPartSize = 8 * 1024 * 1024;

    private readonly IAmazonS3 _s3;
    private readonly string _bucket;
    private readonly string _key;
    private readonly IReadOnlyDictionary<string, string> _metadata;
    private readonly CancellationToken _cancellationToken;
    private readonly int _partSize;
    private readonly List<PartETag> _parts = [];
    private byte[] _buffer = new byte[64 * 1024];
    private int _buffered;
    private long _written;
    private string? _uploadId;
    private bool _finished;

    /// <param name="cancellationToken">Cancels the part uploads made while writing (a deadline).</param>
    public S3MultipartUploadStream(IAmazonS3 s3, string bucket, string key, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken, int partSize = DefaultPartSize)
    {
        _s3 = s3;
        _bucket = bucket;
        _key = key;
        _metadata = metadata;
        _cancellationToken = cancellationToken;
        _partSize = partSize;
    }

    public string Key => _key;

    public Stream Content => this;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !_finished;

    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        while (!buffer.IsEmpty)
        {
            if (_buffered == _buffer.Length && _buffer.Length < _partSize)
            {
                Array.Resize(ref _buffer, Math.Min(_partSize, _buffer.Length * 2));
            }

            var take = Math.Min(buffer.Length, _buffer.Length - _buffered);
            buffer[..take].CopyTo(_buffer.AsSpan(_buffered));
            _buffered += take;
            _written += take;
            buffer = buffer[take..];
            if (_buffered == _partSize)
            {
                UploadPartAsync(_cancellationToken).GetAwaiter().GetResult();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
        // Parts go up when full; a flush must not force a part smaller than S3 accepts.
    }

    public async Task<WrittenObject> CompleteAsync(WriteCondition condition, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        try
        {
            string etag;
            string? versionId;
            if (_uploadId is null)
            {
                var put = new PutObjectRequest
                {
                    BucketName = _bucket,
                    Key = _key,
                    InputStream = new MemoryStream(_buffer, 0, _buffered, writable: false),
                    ContentType = ContentTypeOf(_key),
                };
                AddMetadata(put.Metadata);
                S3Conditions.Apply(condition, put);
                var response = await _s3.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
                (etag, versionId) = (response.ETag, response.VersionId);
            }
            else
            {
                if (_buffered > 0)
                {
                    await UploadPartAsync(cancellationToken).ConfigureAwait(false);
                }

                var complete = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = _key, UploadId = _uploadId, PartETags = _parts };
                S3Conditions.Apply(condition, complete);
                var response = await _s3.CompleteMultipartUploadAsync(complete, cancellationToken).ConfigureAwait(false);
                (etag, versionId) = (response.ETag, response.VersionId);
            }

            _finished = true;
            return new WrittenObject(_key, etag, versionId);
        }
        catch (AmazonS3Exception e) when (S3Conditions.Failed(e, condition))
        {
            await AbortAsync().ConfigureAwait(false);
            throw OutputConflictException.For(_bucket, _key, condition, e);
        }
    }

    public async Task AbortAsync()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (_uploadId is not null)
        {
            await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = _key, UploadId = _uploadId }).ConfigureAwait(false);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await AbortAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_finished)
        {
            AbortAsync().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }

    private static string ContentTypeOf(string key) =>
        key.EndsWith(".json", StringComparison.Ordinal) ? "application/json" : "text/csv; charset=utf-8";

    private void AddMetadata(MetadataCollection target)
    {
        foreach (var (name, value) in _metadata)
        {
            target.Add(name, value);
        }
    }

    private async Task UploadPartAsync(CancellationToken cancellationToken)
    {
        if (_uploadId is null)
        {
            var start = new InitiateMultipartUploadRequest { BucketName = _bucket, Key = _key, ContentType = ContentTypeOf(_key) };
            AddMetadata(start.Metadata);
            _uploadId = (await _s3.InitiateMultipartUploadAsync(start, cancellationToken).ConfigureAwait(false)).UploadId;
        }

        var number = _parts.Count + 1;
        var response = await _s3.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = _bucket,
                Key = _key,
                UploadId = _uploadId,
                PartNumber = number,
                InputStream = new MemoryStream(_buffer, 0, _buffered, writable: false),
                PartSize = _buffered,
            },
            cancellationToken).ConfigureAwait(false);
        _parts.Add(new PartETag(number, response.ETag));
        _buffered = 0;
    }
}
