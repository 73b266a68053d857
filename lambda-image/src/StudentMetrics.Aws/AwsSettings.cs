using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace StudentMetrics.Aws;

/// <summary>
/// Region, endpoints and credentials from the standard settings, so one binary talks to AWS in Lambda and to the
/// emulator on a laptop: <c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL</c> (or <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>), and the SDK's default credential chain.
/// </summary>
public sealed class AwsSettings
{
    public AwsSettings(string region, Uri? endpointOverride, Func<CancellationToken, Task<ImmutableCredentials>> credentials)
    {
        Region = region;
        EndpointOverride = endpointOverride;
        Credentials = credentials;
    }

    public string Region { get; }

    /// <summary><c>AWS_ENDPOINT_URL</c>: every service at one address (the emulator).</summary>
    public Uri? EndpointOverride { get; }

    public Func<CancellationToken, Task<ImmutableCredentials>> Credentials { get; }

    public static AwsSettings FromEnvironment()
    {
        var region = Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } r ? r
            : Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION") is { Length: > 0 } d ? d
            : "us-east-1";
        var endpoint = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL") is { Length: > 0 } e ? new Uri(e) : null;
        AWSCredentials? chain = null;
        return new AwsSettings(region, endpoint, async _ =>
        {
            // Resolved on first use and kept: the SDK's credentials object refreshes temporary credentials itself.
            chain ??= DefaultAWSCredentialsIdentityResolver.GetCredentials();
            return await chain.GetCredentialsAsync().ConfigureAwait(false);
        });
    }

    /// <summary>Where to send a service's requests: <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c>, then <c>AWS_ENDPOINT_URL</c>, then the public endpoint.</summary>
    public Uri EndpointFor(string serviceEnvironmentId, string endpointPrefix)
    {
        if (Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_" + serviceEnvironmentId) is { Length: > 0 } specific)
        {
            return new Uri(specific);
        }

        return EndpointOverride ?? new Uri($"https://{endpointPrefix}.{Region}.amazonaws.com/");
    }
}
