using Amazon.Runtime;

namespace StudentMetrics.Aws.Sts;

/// <summary>
/// Credentials of a role, assumed on first use and again before they expire: what the SDK's clients and the SigV4
/// clients take as <see cref="AwsSettings.Credentials"/>.
/// </summary>
public sealed class AssumedRoleCredentials(IRoleAssumer sts, string roleArn, string sessionName) : RefreshingAWSCredentials
{
    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var assumed = await sts.AssumeRoleAsync(roleArn, sessionName, CancellationToken.None).ConfigureAwait(false);
        return new CredentialsRefreshState(assumed.Credentials, assumed.Expiration.UtcDateTime);
    }
}
