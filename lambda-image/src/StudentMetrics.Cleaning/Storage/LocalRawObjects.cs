using System.Globalization;

namespace StudentMetrics.Cleaning.Storage;

/// <summary>
/// One local file standing for the raw object <paramref name="rawKey"/> (the command line's <c>clean</c>): it has one
/// version, the file as it is now (its size and last write time name it).
/// </summary>
public sealed class LocalRawObjects(string path, string rawKey) : IRawObjects
{
    private readonly string _fullPath = Path.GetFullPath(path);

    public string Location => Path.GetDirectoryName(_fullPath) ?? "";

    public Task<RawVersion?> CurrentAsync(string key, CancellationToken cancellationToken)
    {
        var file = new FileInfo(_fullPath);
        if (key != rawKey || !file.Exists)
        {
            return Task.FromResult<RawVersion?>(null);
        }

        var version = string.Create(CultureInfo.InvariantCulture, $"{file.Length}-{file.LastWriteTimeUtc.Ticks}");
        return Task.FromResult<RawVersion?>(new RawVersion(key, version, version, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero)));
    }

    public Task<long> OrdinalAsync(RawVersion version, CancellationToken cancellationToken) => Task.FromResult(1L);

    public IRawFile Open(RawVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new LocalRawFile(_fullPath, version.Key);
    }
}
