using Amazon.Runtime;

namespace StudentMetrics.Aws.Sts;

/// <summary>A role's temporary credentials and when they stop working.</summary>
public sealed record AssumedRole(ImmutableCredentials Credentials, DateTimeOffset Expiration);
