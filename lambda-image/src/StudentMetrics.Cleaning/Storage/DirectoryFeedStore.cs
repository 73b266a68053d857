using System.Globalization;

namespace StudentMetrics.Cleaning.Storage;

/// <summary>
/// A directory standing in for the bucket (the command line's <c>clean --out DIR</c>): the same keys become paths
/// below it. An object is written beside its path and renamed into place when complete, so a reader never sees half
/// of one. Metadata is not kept: nothing loads from a local directory by its metadata. A file's ETag is its size and
/// last write time; conditions are checked just before the rename, which is enough for one command at a time (S3
/// checks them atomically).
/// </summary>
public sealed class DirectoryFeedStore(string directory) : IFeedStore
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    public string Location { get; } = Path.GetFullPath(directory);

    /// <summary>The file an object key is written to.</summary>
    public string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var path = Path.GetFullPath(Path.Combine(Location, key.Replace('/', Path.DirectorySeparatorChar)));
        return path.StartsWith(Location + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"The key '{key}' leads outside {Location}.", nameof(key));
    }

    public Task<ObjectState?> InspectAsync(string key, CancellationToken cancellationToken) => Task.FromResult(StateOf(key, PathOf(key)));

    public async Task<StoredObject?> TryReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return StateOf(key, path) is { } state
            ? new StoredObject(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), state)
            : null;
    }

    public IOutputObject Create(string key, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        new FileOutput(this, key, PathOf(key));

    public async Task<WrittenObject> CopyRawAsync(IRawFile raw, string toKey, IReadOnlyDictionary<string, string> metadata, WriteCondition condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        await using var output = Create(toKey, metadata, cancellationToken);
        await using (var source = raw.OpenRead())
        {
            await source.CopyToAsync(output.Content, cancellationToken).ConfigureAwait(false);
        }

        return await output.CompleteAsync(condition, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WrittenObject> CopyAsync(WrittenObject from, string toKey, WriteCondition condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (StateOf(from.Key, PathOf(from.Key))?.ETag != from.ETag)
        {
            throw OutputConflictException.For(Location, from.Key, WriteCondition.Matches(from.ETag));
        }

        await using var output = Create(toKey, NoMetadata, cancellationToken);
        await using (var source = File.OpenRead(PathOf(from.Key)))
        {
            await source.CopyToAsync(output.Content, cancellationToken).ConfigureAwait(false);
        }

        return await output.CompleteAsync(condition, cancellationToken).ConfigureAwait(false);
    }

    public async Task<WrittenObject> PutAsync(string key, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata, WriteCondition condition, CancellationToken cancellationToken)
    {
        await using var output = Create(key, metadata, cancellationToken);
        await output.Content.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        return await output.CompleteAsync(condition, cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteAsync(string key, WriteCondition condition, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Check(key, path, condition);
        File.Delete(path);
        PruneEmptyFolders(path, Location);
        return Task.CompletedTask;
    }

    private static ObjectState? StateOf(string key, string path)
    {
        var file = new FileInfo(path);
        return file.Exists
            ? new ObjectState(key, string.Create(CultureInfo.InvariantCulture, $"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}"), NoMetadata)
            : null;
    }

    private void Check(string key, string path, WriteCondition condition)
    {
        var current = StateOf(key, path);
        var holds = condition.IsNone || (condition.MustBeAbsent ? current is null : current?.ETag == condition.ETag);
        if (!holds)
        {
            throw OutputConflictException.For(Location, key, condition);
        }
    }

    // A bucket has no folders: one whose last object went goes too, so the directory reads as the bucket would.
    private static void PruneEmptyFolders(string removedFile, string root)
    {
        for (var dir = Path.GetDirectoryName(removedFile); dir is not null && dir != root && !Directory.EnumerateFileSystemEntries(dir).Any(); dir = Path.GetDirectoryName(dir))
        {
            Directory.Delete(dir);
        }
    }

    private sealed class FileOutput : IOutputObject
    {
        private readonly DirectoryFeedStore _store;
        private readonly string _path;
        private readonly string _partial;
        private readonly FileStream _stream;
        private bool _finished;

        public FileOutput(DirectoryFeedStore store, string key, string path)
        {
            _store = store;
            Key = key;
            _path = path;
            _partial = path + ".partial";
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _stream = new FileStream(_partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }

        public string Key { get; }

        public Stream Content => _stream;

        public async Task<WrittenObject> CompleteAsync(WriteCondition condition, CancellationToken cancellationToken)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            _store.Check(Key, _path, condition);
            File.Move(_partial, _path, overwrite: true);
            _finished = true;
            return new WrittenObject(Key, StateOf(Key, _path)!.ETag, null);
        }

        public async Task AbortAsync()
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            await _stream.DisposeAsync().ConfigureAwait(false);
            File.Delete(_partial);
            PruneEmptyFolders(_partial, _store.Location);
        }

        public ValueTask DisposeAsync() => new(AbortAsync());
    }
}
