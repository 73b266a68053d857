using StudentMetrics.Cleaning;

namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>A raw export held as bytes; counts how often it is opened.</summary>
internal sealed class InMemoryRawFile(byte[] content, string key = "test.csv") : IRawFile
{
    public string Location => "memory";

    public string Key => key;

    public string Version => "v1";

    public long Length => content.Length;

    public int Opens { get; private set; }

    public Stream OpenRead()
    {
        Opens++;
        return new MemoryStream(content, writable: false);
    }
}
