using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Cleaning;

namespace StudentMetrics.Aws.S3;

/// <summary>
/// Cleans one raw object into its outputs in the same bucket (see <see cref="FeedKeys"/>). The raw object is only
/// ever read. The report is written last, so its presence means every other output of that run is complete.
/// </summary>
public sealed class S3ObjectCleaner(IAmazonS3 s3, CleanerOptions options)
{
    private const string SourceEtag = "source-etag";
    private const string CleanerBuildKey = "cleaner-build";

    // The build (version + commit) of the cleaning core: a report from another build is not reused, so a file replayed
    // after a fix is cleaned again by the fixed code.
    private static readonly string CleanerBuild =
        typeof(FeedCleaner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unversioned";

    public async Task<CleaningReport> CleanAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        if (!FeedKeys.IsRaw(key))
        {
            throw new ArgumentException($"Only objects under {FeedKeys.Raw} are cleaned; got '{key}'.", nameof(key));
        }

        var raw = await S3RawFile.OpenAsync(s3, bucket, key, cancellationToken).ConfigureAwait(false);

        // S3 delivers events at least once: the same version seen again by the same cleaner build gets the first report.
        if (await TryReadReportAsync(bucket, FeedKeys.ReportKey(key), raw.ETag, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return earlier;
        }

        IReadOnlyDictionary<string, string> Lineage() => new Dictionary<string, string>
        {
            ["source-key"] = key,
            ["source-sha256"] = raw.Sha256(),
            [SourceEtag] = raw.ETag,
        };

        await using var clean = new S3MultipartUploadStream(s3, bucket, FeedKeys.CleanKey(key), Lineage);
        await using var rejects = new S3MultipartUploadStream(s3, bucket, FeedKeys.RejectsKey(key), Lineage);
        var report = await Task.Run(() => new FeedCleaner(options).Clean(raw, clean, rejects), cancellationToken).ConfigureAwait(false);

        if (report.Status == FileStatus.Cleaned)
        {
            await rejects.CompleteAsync(cancellationToken).ConfigureAwait(false);
            await clean.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await clean.AbortAsync().ConfigureAwait(false);
            await CopyAsync(bucket, key, FeedKeys.QuarantineKey(key), raw.ETag, cancellationToken).ConfigureAwait(false);
            if (report.RowsRejected > 0)
            {
                // The rejected rows are how a school sees what was wrong with a file set aside for too many of them.
                await rejects.CompleteAsync(cancellationToken).ConfigureAwait(false);
                await CopyAsync(bucket, FeedKeys.RejectsKey(key), FeedKeys.QuarantineRejectsKey(key), null, cancellationToken).ConfigureAwait(false);
                await s3.DeleteObjectAsync(bucket, FeedKeys.RejectsKey(key), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await rejects.AbortAsync().ConfigureAwait(false);
            }

            await PutReportAsync(bucket, FeedKeys.QuarantineReportKey(key), report, raw.ETag, cancellationToken).ConfigureAwait(false);
        }

        await PutReportAsync(bucket, FeedKeys.ReportKey(key), report, raw.ETag, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private Task CopyAsync(string bucket, string from, string to, string? etag, CancellationToken cancellationToken) =>
        s3.CopyObjectAsync(
            new CopyObjectRequest { SourceBucket = bucket, SourceKey = from, DestinationBucket = bucket, DestinationKey = to, ETagToMatch = etag },
            cancellationToken);

    private async Task PutReportAsync(string bucket, string key, CleaningReport report, string etag, CancellationToken cancellationToken)
    {
        var put = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            ContentBody = JsonSerializer.Serialize(report, CleaningReportJsonContext.Default.CleaningReport),
            ContentType = "application/json",
        };
        put.Metadata.Add(SourceEtag, etag);
        put.Metadata.Add(CleanerBuildKey, CleanerBuild);
        await s3.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CleaningReport?> TryReadReportAsync(string bucket, string reportKey, string etag, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, reportKey, cancellationToken).ConfigureAwait(false);
            if (response.Metadata[SourceEtag] != etag || response.Metadata[CleanerBuildKey] != CleanerBuild)
            {
                return null;
            }

            using var reader = new StreamReader(response.ResponseStream, Encoding.UTF8);
            var json = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize(json, CleaningReportJsonContext.Default.CleaningReport);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
