using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.Database;

/// <summary>Where a cleaned file came from: its feed, the raw object's key and the SHA-256 (hex) of its content, the file's identity.</summary>
public sealed record LoadSource(string ObjectKey, string ContentSha256)
{
    /// <summary>The feed whose contract the file was cleaned under (its columns, its table).</summary>
    public FeedContract Contract { get; init; } = FeedContracts.Default;
}
