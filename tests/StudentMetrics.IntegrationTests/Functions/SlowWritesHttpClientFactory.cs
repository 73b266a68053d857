using Amazon.Runtime;

namespace StudentMetrics.IntegrationTests.Functions;

/// <summary>
/// An S3 client's HTTP that holds every write (PUT, POST, DELETE) back for a random moment, as a slow or busy network
/// would: a run's checks and its writes drift apart, so a stale run's writes land late, after a newer version's.
/// </summary>
public sealed class SlowWritesHttpClientFactory(Random random, int maxDelayMs) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new SlowWrites(random, maxDelayMs) { InnerHandler = new HttpClientHandler() });

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    private sealed class SlowWrites(Random random, int maxDelayMs) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
            {
                int delay;
                lock (random)
                {
                    delay = random.Next(maxDelayMs);
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }

            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
