using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cli.Arguments;

namespace StudentMetrics.Cli.Commands;

/// <summary>The <c>--feed FEED</c> option the commands that take an export share: a feed with a contract file.</summary>
internal static class FeedOption
{
    public const string Name = "--feed";

    public static Option Declare(string description) => new(Name, "FEED", $"{description} (default {FeedContracts.DefaultFeed}; one per contracts/*.json)");

    /// <returns>The feed's contract, or null when the option was not given.</returns>
    /// <exception cref="UsageException">No contract describes the feed named.</exception>
    public static FeedContract? Read(ParsedArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Value(Name) switch
        {
            null => null,
            var feed when FeedContracts.All.TryGetValue(feed, out var contract) => contract,
            var feed => throw new UsageException($"no contract describes the feed '{feed}'; the feeds are {string.Join(", ", FeedContracts.All.Keys)}"),
        };
    }
}
