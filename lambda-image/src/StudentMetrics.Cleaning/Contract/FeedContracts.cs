using System.Text.Json;

namespace StudentMetrics.Cleaning.Contract;

/// <summary>
/// Every feed the product knows, read from the contract files in <c>contracts/</c> (compiled into this assembly as
/// resources), checked by <see cref="ContractRules"/> once per process. A new feed is a new file: no code changes.
/// </summary>
public static class FeedContracts
{
    /// <summary>The feed a raw object belongs to when its path names no other.</summary>
    public const string DefaultFeed = "student_metrics";

    private const string ResourcePrefix = "contracts/";

    private static readonly Lazy<IReadOnlyDictionary<string, FeedContract>> Loaded = new(Load);

    /// <summary>The current contract of every feed (the highest major version of each), by feed name.</summary>
    public static IReadOnlyDictionary<string, FeedContract> All => Loaded.Value;

    public static FeedContract Default => Get(DefaultFeed);

    /// <exception cref="KeyNotFoundException">No contract file describes the feed.</exception>
    public static FeedContract Get(string feed) =>
        All.TryGetValue(feed, out var contract) ? contract : throw new KeyNotFoundException($"No contract describes the feed '{feed}'; the feeds are {string.Join(", ", All.Keys)}.");

    /// <summary>Reads one contract file's text (what the loader does for each resource; tests use it on their own files).</summary>
    /// <exception cref="InvalidDataException">The text is not a valid contract: the message names the file and the problem.</exception>
    public static FeedContract Parse(string fileName, string json)
    {
        FeedContract contract;
        try
        {
            contract = (JsonSerializer.Deserialize(json, ContractFileJsonContext.Default.ContractFile)
                ?? throw new InvalidDataException($"{fileName}: the file is empty")).ToContract() with { FileName = fileName };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{fileName}: not a valid contract file: {e.Message}", e);
        }

        var problems = ContractRules.Check(contract);
        return problems.Count == 0
            ? contract
            : throw new InvalidDataException($"{fileName}: {string.Join("; ", problems)}");
    }

    private static IReadOnlyDictionary<string, FeedContract> Load()
    {
        var assembly = typeof(FeedContracts).Assembly;
        var byFeed = new Dictionary<string, FeedContract>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var contract = Parse(resource[ResourcePrefix.Length..], reader.ReadToEnd());
            if (!byFeed.TryGetValue(contract.Dataset, out var other) || other.MajorVersion < contract.MajorVersion)
            {
                byFeed[contract.Dataset] = contract;
            }
        }

        return byFeed.ContainsKey(DefaultFeed)
            ? byFeed
            : throw new InvalidDataException($"No contract file describes the {DefaultFeed} feed.");
    }
}
