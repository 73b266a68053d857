using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace StudentMetrics.Aws;

/// <summary>
/// Region, endpoints and credentials, read once from the standard settings so that one binary talks to AWS in Lambda
/// and to the emulator on a laptop: <c>AWS_REGION</c> (or <c>AWS_DEFAULT_REGION</c>), <c>AWS_ENDPOINT_URL</c> and
/// <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, and the SDK's default credential chain. Every AWS client the product builds
/// (the S3 SDK client and the SigV4 JSON clients) takes its settings from here.
/// </summary>
public sealed class AwsSettings
{
    public const string RegionVariable = "AWS_REGION";
    public const string EndpointVariable = "AWS_ENDPOINT_URL";

    /// <summary>The pipeline's data bucket (raw uploads and every output), as the templates set it for each function.</summary>
    public const string DataBucketVariable = "STUDENT_METRICS_BUCKET";

    // The emulator does not care which region it is told; AWS does, and guessing one there sends data elsewhere.
    private const string EmulatorRegion = "us-east-1";

    private readonly IReadOnlyDictionary<string, Uri> _serviceEndpoints;

    public AwsSettings(string region, Uri? endpointOverride, AWSCredentials credentials, IReadOnlyDictionary<string, Uri>? serviceEndpoints = null, string? dataBucket = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentNullException.ThrowIfNull(credentials);
        Region = region;
        EndpointOverride = endpointOverride;
        Credentials = credentials;
        _serviceEndpoints = serviceEndpoints ?? new Dictionary<string, Uri>();
        DataBucket = dataBucket;
    }

    public string Region { get; }

    /// <summary><c>AWS_ENDPOINT_URL</c>: every service at one address (the emulator).</summary>
    public Uri? EndpointOverride { get; }

    /// <summary><c>STUDENT_METRICS_BUCKET</c>: the one bucket the pipeline's functions work in; null when not set.</summary>
    public string? DataBucket { get; }

    /// <exception cref="AwsSettingsException">No data bucket is set.</exception>
    public string RequireDataBucket(string forWhat) =>
        DataBucket ?? throw new AwsSettingsException(
            $"{DataBucketVariable} is not set: {forWhat} needs the name of the pipeline's data bucket (the templates set it on every function; locally, 'make run' does).");

    /// <summary>These settings with another data bucket (the local run's <c>--bucket</c>).</summary>
    public AwsSettings WithDataBucket(string bucket) => new(Region, EndpointOverride, Credentials, _serviceEndpoints, bucket);

    /// <summary>The SDK's credentials object: it refreshes temporary credentials (a Lambda role, an assumed role) itself.</summary>
    public AWSCredentials Credentials { get; }

    /// <exception cref="AwsSettingsException">A setting is missing or malformed; the message says which and how to fix it.</exception>
    public static AwsSettings FromEnvironment() => FromEnvironment(Environment.GetEnvironmentVariable);

    /// <exception cref="AwsSettingsException">A setting is missing or malformed; the message says which and how to fix it.</exception>
    public static AwsSettings FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var endpoint = ParseEndpoint(EndpointVariable, environment(EndpointVariable));
        var region = environment(RegionVariable) is { Length: > 0 } r ? r
            : environment("AWS_DEFAULT_REGION") is { Length: > 0 } d ? d
            : endpoint is not null ? EmulatorRegion
            : throw new AwsSettingsException($"{RegionVariable} is not set: set it to the region of the pipeline's bucket (for example {RegionVariable}=eu-west-1).");
        var services = new Dictionary<string, Uri>(StringComparer.Ordinal);
        foreach (var service in KnownServices)
        {
            var name = EndpointVariable + "_" + service;
            if (ParseEndpoint(name, environment(name)) is { } specific)
            {
                services[service] = specific;
            }
        }

        var bucket = environment(DataBucketVariable) is { Length: > 0 } b ? b.Trim() : null;
        return new AwsSettings(region, endpoint, new LazyDefaultCredentials(), services, bucket);
    }

    /// <summary>Where to send a service's requests: <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c>, then <c>AWS_ENDPOINT_URL</c>, then the public endpoint.</summary>
    /// <param name="serviceEnvironmentId">The service's id in endpoint variables: <c>S3</c>, <c>SQS</c>, <c>SECRETS_MANAGER</c>, <c>STS</c>.</param>
    /// <param name="endpointPrefix">The service's host prefix in AWS: <c>s3</c>, <c>sqs</c>, <c>secretsmanager</c>, <c>sts</c>.</param>
    public Uri EndpointFor(string serviceEnvironmentId, string endpointPrefix) =>
        _serviceEndpoints.TryGetValue(serviceEnvironmentId, out var specific) ? specific
        : EndpointOverride ?? new Uri($"https://{endpointPrefix}.{Region}.amazonaws.com/");

    /// <summary>True when requests go to an endpoint other than AWS's public one (the emulator).</summary>
    public bool IsEndpointOverridden(string serviceEnvironmentId) =>
        _serviceEndpoints.ContainsKey(serviceEnvironmentId) || EndpointOverride is not null;

    /// <summary>
    /// The same region and endpoints with the credentials of a role, assumed through STS with these settings' own
    /// credentials (renewed before they expire): how a process acts as the role a template gives one of its parts.
    /// </summary>
    public AwsSettings AssumingRole(string roleArn, string sessionName) =>
        new(Region, EndpointOverride, new Sts.AssumedRoleCredentials(new Sts.StsClient(this), roleArn, sessionName), _serviceEndpoints);

    public Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
        Credentials.GetCredentialsAsync().WaitAsync(cancellationToken);

    private static readonly string[] KnownServices = ["S3", "SQS", "SECRETS_MANAGER", "STS"];

    private static Uri? ParseEndpoint(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new AwsSettingsException($"{name} is not an http(s) URL: '{value}'. Set it to the endpoint's address, e.g. http://127.0.0.1:5000, or unset it to use AWS.");
    }

    /// <summary>The SDK's default chain, resolved on first use: building settings must not fail where no AWS call is made.</summary>
    private sealed class LazyDefaultCredentials : AWSCredentials
    {
        private readonly Lazy<AWSCredentials> _chain = new(() => DefaultAWSCredentialsIdentityResolver.GetCredentials());

        public override ImmutableCredentials GetCredentials() => _chain.Value.GetCredentials();

        public override Task<ImmutableCredentials> GetCredentialsAsync() => _chain.Value.GetCredentialsAsync();
    }
}
