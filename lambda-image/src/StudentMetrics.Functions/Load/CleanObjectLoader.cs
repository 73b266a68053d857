using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.Aws.S3;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Database;
using StudentMetrics.Functions.Clean;

namespace StudentMetrics.Functions.Load;

/// <summary>
/// Loads a cleaned object from S3 into PostgreSQL, streaming it into the loader. Lineage comes from the object itself
/// (the <see cref="LineageMetadata"/> the cleaner wrote, every value decoded), so a clean object can be loaded on its
/// own, as the Glue job does in AWS.
/// </summary>
public sealed class CleanObjectLoader(IAmazonS3 s3, CleanFileLoader loader)
{
    public async Task<LoadResult> LoadAsync(string bucket, string cleanKey, CancellationToken cancellationToken)
    {
        using var response = await s3.GetObjectAsync(bucket, cleanKey, cancellationToken).ConfigureAwait(false);
        var source = SourceOf(response, cleanKey)
            ?? throw new InvalidDataException($"s3://{bucket}/{cleanKey} has no {LineageMetadata.SourceSha256} metadata; only objects the cleaner wrote can be loaded.");
        return await loader.LoadAsync(response.ResponseStream, source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Loads the version a quarantine report (<c>quarantine/reports/…</c>) was written for as a version that holds no
    /// rows: a key whose current version was set aside contributes nothing, so what its earlier versions contributed is
    /// withdrawn. Null for a report that names no raw key (a key too long for the metadata, which never had rows).
    /// </summary>
    public async Task<LoadResult?> LoadQuarantinedAsync(string bucket, string quarantineReportKey, CancellationToken cancellationToken)
    {
        var head = await s3.GetObjectMetadataAsync(bucket, quarantineReportKey, cancellationToken).ConfigureAwait(false);
        var lineage = LineageMetadata.Read(S3UserMetadata.ByName(head.Metadata))
            ?? throw new InvalidDataException($"s3://{bucket}/{quarantineReportKey} carries no lineage; only reports the cleaner wrote can be loaded.");
        return lineage.RawKey is null ? null : await loader.LoadEmptyAsync(SourceOf(lineage, lineage.RawKey), cancellationToken).ConfigureAwait(false);
    }

    private static LoadSource SourceOf(Lineage lineage, string rawKey) => new(rawKey, lineage.Sha256)
    {
        Contract = FeedContracts.Get(lineage.Feed),
        Version = lineage.VersionId,
        UploadedAt = lineage.UploadedAt,
        Sequencer = lineage.Sequencer,
        VersionOrdinal = lineage.VersionOrdinal,
    };

    private static LoadSource? SourceOf(GetObjectResponse response, string cleanKey)
    {
        var metadata = S3UserMetadata.ByName(response.Metadata);
        if (LineageMetadata.Read(metadata) is { } lineage)
        {
            return SourceOf(lineage, lineage.RawKey ?? CleanOutputLayout.RawKeyOfClean(cleanKey));
        }

        // An output written before the lineage was complete: what it has, and for an upload time the time it was written.
        if (!metadata.TryGetValue(LineageMetadata.SourceSha256, out var sha256) || sha256.Length == 0)
        {
            return null;
        }

        string? Value(string name) => metadata.TryGetValue(name, out var value) && value.Length > 0 ? LineageMetadata.Decode(value) : null;
        return new LoadSource(Value(LineageMetadata.SourceKey) ?? CleanOutputLayout.RawKeyOfClean(cleanKey), sha256)
        {
            Contract = Value(LineageMetadata.Feed) is { } feed ? FeedContracts.Get(feed) : FeedContracts.Default,
            Version = Value(LineageMetadata.SourceVersion),
            UploadedAt = DateTimeOffset.TryParse(Value(LineageMetadata.SourceUploadedAt), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : response.LastModified,
            Sequencer = Value(LineageMetadata.SourceSequencer),
            VersionOrdinal = long.TryParse(Value(LineageMetadata.SourceVersionOrdinal), CultureInfo.InvariantCulture, out var ordinal) ? ordinal : null,
        };
    }
}
