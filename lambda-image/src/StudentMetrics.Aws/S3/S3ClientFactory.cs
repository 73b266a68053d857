using Amazon;
using Amazon.S3;

namespace StudentMetrics.Aws.S3;

/// <summary>
/// Builds the S3 client from the standard settings, so the same binary talks to AWS or to the local emulator:
/// <c>AWS_ENDPOINT_URL</c> (the emulator; then path-style addressing, since bucket host names do not resolve on loopback)
/// and <c>AWS_REGION</c>.
/// </summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create()
    {
        var config = new AmazonS3Config();
        var region = Environment.GetEnvironmentVariable("AWS_REGION") ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION");
        if (!string.IsNullOrEmpty(region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        var endpoint = Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL_S3") ?? Environment.GetEnvironmentVariable("AWS_ENDPOINT_URL");
        if (!string.IsNullOrEmpty(endpoint))
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region ?? "us-east-1";
        }

        return new AmazonS3Client(config);
    }
}
