using System.Net;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Cleaning.Sources;

namespace StudentMetrics.Aws.S3;

/// <summary>
/// The source registry as published in the bucket for the clean function, which reads no database: written by
/// whatever changes the registry (<c>student-metrics sources</c>, the migrate function), read before every file.
/// </summary>
public sealed class S3SourceRegistry(IAmazonS3 s3, string bucket, string key)
{
    public string Address => $"s3://{bucket}/{key}";

    /// <exception cref="InvalidOperationException">Nothing is published there: every file would be refused, so nothing is cleaned until it is.</exception>
    public async Task<SourceRegistry> ReadAsync(CancellationToken cancellationToken) =>
        (await TryReadAsync(cancellationToken).ConfigureAwait(false))?.Registry
        ?? throw new InvalidOperationException(
            $"no source registry is published at {Address}: the migrate function publishes it on every deploy, " +
            "'student-metrics sources publish' on demand; files are retried until it is there");

    /// <summary>
    /// Publishes <paramref name="registry"/> unless a later revision is already there: two publishers racing leave the
    /// later revision, whatever order their writes arrive in.
    /// </summary>
    /// <returns>True when it was written; false when what is published is as recent or more.</returns>
    public async Task<bool> PublishAsync(SourceRegistry registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var json = JsonSerializer.SerializeToUtf8Bytes(registry, SourceRegistryJsonContext.Default.SourceRegistry);
        for (var attempt = 1; ; attempt++)
        {
            var published = await TryReadAsync(cancellationToken).ConfigureAwait(false);
            if (published is { } current && current.Registry.Revision > registry.Revision)
            {
                return false;
            }

            var put = new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(json, writable: false), ContentType = "application/json" };
            if (published is { } seen)
            {
                put.IfMatch = seen.ETag;
            }
            else
            {
                put.IfNoneMatch = "*";
            }

            try
            {
                await s3.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict && attempt < 5)
            {
                // Another publisher wrote in between: look again.
            }
        }
    }

    private async Task<(SourceRegistry Registry, string ETag)?> TryReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, key, cancellationToken).ConfigureAwait(false);
            var registry = await JsonSerializer.DeserializeAsync(response.ResponseStream, SourceRegistryJsonContext.Default.SourceRegistry, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{Address} is empty");
            return (registry, response.ETag);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
