using System.Globalization;

namespace StudentMetrics.Cleaning;

/// <summary>A raw export on the local file system, opened read-only.</summary>
/// <param name="path">The file.</param>
/// <param name="key">The object key it stands for (<c>raw/NAME</c> for the command line); its file name when null.</param>
public sealed class LocalRawFile(string path, string? key = null) : IRawFile
{
    private readonly string _fullPath = Path.GetFullPath(path);

    public string Location => Path.GetDirectoryName(_fullPath) ?? "";

    public string Key => key ?? Path.GetFileName(_fullPath);

    /// <summary>Size and last write time: a file rewritten in place is another version.</summary>
    public string Version
    {
        get
        {
            var info = new FileInfo(_fullPath);
            return string.Create(CultureInfo.InvariantCulture, $"{info.Length}-{info.LastWriteTimeUtc.Ticks}");
        }
    }

    public long Length => new FileInfo(_fullPath).Length;

    public Stream OpenRead() =>
        new FileStream(_fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
}
