namespace StudentMetrics.Cleaning;

/// <summary>A raw export on the local file system, opened read-only.</summary>
public sealed class LocalRawFile(string path) : IRawFile
{
    private readonly string _fullPath = Path.GetFullPath(path);

    public string Location => Path.GetDirectoryName(_fullPath) ?? "";

    public string Key => Path.GetFileName(_fullPath);

    public long Length => new FileInfo(_fullPath).Length;

    public Stream OpenRead() =>
        new FileStream(_fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
}
