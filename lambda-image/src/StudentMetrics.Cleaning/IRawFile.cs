namespace StudentMetrics.Cleaning;

/// <summary>
/// A raw export as the cleaner sees it. It can be opened more than once, so that a cheap second pass
/// (duplicate keys) never needs the file held in memory; the cleaner never writes to it.
/// </summary>
public interface IRawFile
{
    /// <summary>Bucket name in AWS, directory locally.</summary>
    string Location { get; }

    /// <summary>Object key in AWS; locally the key the file stands for (<c>raw/NAME</c>) or its name.</summary>
    string Key { get; }

    /// <summary>Which version of the key this is: every read returns this version's bytes, or fails.</summary>
    string Version { get; }

    long Length { get; }

    Stream OpenRead();
}
