using System.Text.Json.Nodes;
using StudentMetrics.Functions.Clean;

namespace StudentMetrics.IntegrationTests.Functions;

/// <summary>
/// What a raw key's outputs hold, in a form two runs can be compared in: every output key of the layout that holds an
/// object, with its content; a report without what differs from run to run (when it ran, how long it took, which
/// bucket, which version).
/// </summary>
public static class KeyOutputs
{
    public static async Task<SortedDictionary<string, string>> ReadAsync(FeedBucket bucket, string rawKey)
    {
        var outputs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in CleanOutputLayout.For(rawKey).All)
        {
            if (await bucket.TryGetAsync(key) is { } body)
            {
                outputs[key] = key.EndsWith(".json", StringComparison.Ordinal) ? Comparable(body) : body;
            }
        }

        return outputs;
    }

    /// <summary>The outputs a first cleaning of exactly these bytes under this key gives, in a bucket of its own with the same registry.</summary>
    public static async Task<SortedDictionary<string, string>> FromScratchAsync(Infrastructure.LocalStack stack, FeedBucket like, string rawKey, byte[] content)
    {
        await using var fresh = await FeedBucket.CreateAsync(stack, "scratch", like.Registry);
        await fresh.PutAsync(rawKey, content);
        await fresh.SettleAsync(rawKey);
        return await ReadAsync(fresh, rawKey);
    }

    private static string Comparable(string report)
    {
        var json = JsonNode.Parse(report)!.AsObject();
        json.Remove("started_at");
        json.Remove("duration_ms");
        var source = json["source"]!.AsObject();
        source.Remove("location");
        source.Remove("version_id");
        source.Remove("uploaded_at");
        return json.ToJsonString();
    }
}
