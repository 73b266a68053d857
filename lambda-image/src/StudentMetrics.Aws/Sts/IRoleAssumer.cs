namespace StudentMetrics.Aws.Sts;

/// <summary>Temporary credentials of a role, as STS AssumeRole issues them.</summary>
public interface IRoleAssumer
{
    Task<AssumedRole> AssumeRoleAsync(string roleArn, string sessionName, CancellationToken cancellationToken);
}
