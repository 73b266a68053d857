using Amazon;
using Amazon.S3;

namespace StudentMetrics.Aws.S3;

/// <summary>
/// The S3 client for the product's settings: AWS in Lambda, the emulator on a laptop (then path-style addressing,
/// since bucket host names do not resolve on loopback).
/// </summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create(AwsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = new AmazonS3Config();
        if (settings.IsEndpointOverridden("S3"))
        {
            config.ServiceURL = settings.EndpointFor("S3", "s3").ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = settings.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(settings.Region);
        }

        return new AmazonS3Client(settings.Credentials, config);
    }
}
