using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.Functions.Clean;

/// <summary>
/// Which contract applies to a raw object, from its key alone: <c>raw/SOURCE/FEED/…</c> when FEED names a feed with a
/// contract file, else the default feed (<c>raw/SOURCE/…</c>, how every export was sent before there were other feeds).
/// A new feed is a contract file and a folder name, nothing else.
/// </summary>
public static class FeedRouting
{
    public static FeedContract ContractFor(string rawKey)
    {
        ArgumentNullException.ThrowIfNull(rawKey);
        var segments = rawKey.Split('/');
        return segments.Length >= 4 && segments[0] + "/" == CleanOutputLayout.Raw && FeedContracts.All.TryGetValue(segments[2], out var contract)
            ? contract
            : FeedContracts.Default;
    }
}
