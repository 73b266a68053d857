namespace StudentMetrics.Cleaning.Storage;

/// <summary>
/// A directory standing in for the bucket (the command line's <c>clean --out DIR</c>): the same keys become paths
/// below it. An object is written beside its path and renamed into place when complete, so a reader never sees half
/// of one. Metadata is not kept: nothing loads from a local directory by its metadata.
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

    public IOutputObject Create(string key, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        new FileOutput(key, PathOf(key), Location);

    public async Task CopyRawAsync(IRawFile raw, string toKey, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(raw);
        await using var output = Create(toKey, metadata, cancellationToken);
        await using (var source = raw.OpenRead())
        {
            await source.CopyToAsync(output.Content, cancellationToken).ConfigureAwait(false);
        }

        await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task CopyAsync(string fromKey, string toKey, CancellationToken cancellationToken)
    {
        var target = PathOf(toKey);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(PathOf(fromKey), target, overwrite: true);
        return Task.CompletedTask;
    }

    public async Task PutAsync(string key, ReadOnlyMemory<byte> content, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        await using var output = Create(key, metadata, cancellationToken);
        await output.Content.WriteAsync(content, cancellationToken).ConfigureAwait(false);
        await output.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoredObject?> TryReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        return File.Exists(path) ? new StoredObject(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), NoMetadata) : null;
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        File.Delete(path);
        PruneEmptyFolders(path, Location);
        return Task.CompletedTask;
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
        private readonly string _path;
        private readonly string _partial;
        private readonly string _root;
        private readonly FileStream _stream;
        private bool _finished;

        public FileOutput(string key, string path, string root)
        {
            Key = key;
            _path = path;
            _root = root;
            _partial = path + ".partial";
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _stream = new FileStream(_partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        }

        public string Key { get; }

        public Stream Content => _stream;

        public async Task CompleteAsync(CancellationToken cancellationToken)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            File.Move(_partial, _path, overwrite: true);
            _finished = true;
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
            PruneEmptyFolders(_partial, _root);
        }

        public ValueTask DisposeAsync() => new(AbortAsync());
    }
}
