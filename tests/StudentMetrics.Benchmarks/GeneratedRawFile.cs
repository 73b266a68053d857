using StudentMetrics.Cleaning;

namespace StudentMetrics.Benchmarks;

/// <summary>A raw file that exists only as a generator: every open starts a fresh <see cref="WideRowStream"/>.</summary>
internal sealed class GeneratedRawFile(long rows, int textBytes) : IRawFile
{
    public string Location => "generated";

    public string Key => $"wide-{rows}x{textBytes}.csv";

    public string Version => "generated";

    public long Length => new WideRowStream(rows, textBytes).TotalLength;

    public Stream OpenRead() => new WideRowStream(rows, textBytes);
}
