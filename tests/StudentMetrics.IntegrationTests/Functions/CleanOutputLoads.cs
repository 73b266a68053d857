using System.Net;
using Amazon.S3;
using StudentMetrics.Database;
using StudentMetrics.Functions.Clean;
using StudentMetrics.Functions.Load;
using StudentMetrics.IntegrationTests.Database;

namespace StudentMetrics.IntegrationTests.Functions;

/// <summary>
/// The loads the Glue job makes in AWS, made here through the local loader (the same SQL): every clean/ object in a
/// bucket, in a given order, as a crawl and a run of the job would; or one at a time at random while the bucket changes,
/// as overlapping runs would. A quarantine report is loaded too, as its version holding no rows (the Glue job does not
/// do that yet). In a bucket shared with other tests, <c>only</c> keeps to the test's own outputs.
/// </summary>
internal sealed class CleanOutputLoads(FeedBucket bucket, CleanFileLoader loader, Func<string, bool>? only = null)
{
    private readonly CleanObjectLoader _loader = new(bucket.S3, loader);

    public static async Task<CleanOutputLoads> IntoAsync(FeedBucket bucket, MigratedDatabase database, Func<string, bool>? only = null) =>
        new(bucket, new CleanFileLoader(await database.ConnectAsMemberOfAsync("student_metrics_loader")), only);

    /// <summary>Loads every clean/ object and quarantine report the bucket holds now, in the order <paramref name="shuffle"/> gives.</summary>
    public async Task<int> LoadEveryOutputAsync(Func<IEnumerable<string>, IEnumerable<string>> shuffle)
    {
        var loaded = 0;
        foreach (var key in shuffle(await LoadableAsync()).ToList())
        {
            await LoadAsync(key);
            loaded++;
        }

        return loaded;
    }

    /// <summary>
    /// Until <paramref name="stop"/>: loads a clean/ object or quarantine report picked at random, again and again. An object removed or
    /// replaced between the listing and the read is what a crawl of a changing bucket meets too; it is skipped.
    /// </summary>
    /// <returns>How many loads ran to the end.</returns>
    public async Task<int> LoadAtRandomAsync(Random random, CancellationToken stop)
    {
        var loads = 0;
        while (!stop.IsCancellationRequested)
        {
            var keys = await LoadableAsync();
            if (keys.Count > 0)
            {
                string key;
                lock (random)
                {
                    key = keys[random.Next(keys.Count)];
                }

                try
                {
                    await LoadAsync(key);
                    loads++;
                }
                catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
                {
                }
            }

            await Task.Delay(random.Next(0, 50), CancellationToken.None);
        }

        return loads;
    }

    private async Task<List<string>> LoadableAsync() =>
        [.. (await bucket.ListAsync(CleanOutputLayout.Clean)).Concat(await bucket.ListAsync(CleanOutputLayout.QuarantinedReports)).Where(only ?? (_ => true))];

    private async Task LoadAsync(string key)
    {
        if (key.StartsWith(CleanOutputLayout.Clean, StringComparison.Ordinal))
        {
            await _loader.LoadAsync(bucket.Name, key, CancellationToken.None);
        }
        else
        {
            await _loader.LoadQuarantinedAsync(bucket.Name, key, CancellationToken.None);
        }
    }
}
