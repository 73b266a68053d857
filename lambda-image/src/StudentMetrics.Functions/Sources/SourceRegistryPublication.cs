using Amazon.S3;
using Npgsql;
using StudentMetrics.Aws.S3;
using StudentMetrics.Cleaning.Sources;
using StudentMetrics.Database.Sources;
using StudentMetrics.Functions.Clean;

namespace StudentMetrics.Functions.Sources;

/// <summary>
/// Copies the source registry from the database (where it is changed and audited) to the bucket (where the clean
/// function reads it): after every change the sources command makes, and after every migration.
/// </summary>
public static class SourceRegistryPublication
{
    public static S3SourceRegistry In(IAmazonS3 s3, string bucket) => new(s3, bucket, CleanOutputLayout.SourceRegistry);

    /// <returns>The registry as published (or as found there, when a later revision already was).</returns>
    public static async Task<SourceRegistry> PublishAsync(NpgsqlDataSource database, IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        var registry = await new SourceRegistryStore(database).ReadAsync(TimeProvider.System, cancellationToken).ConfigureAwait(false);
        await In(s3, bucket).PublishAsync(registry, cancellationToken).ConfigureAwait(false);
        return registry;
    }
}
