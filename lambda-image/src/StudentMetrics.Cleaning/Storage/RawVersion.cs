namespace StudentMetrics.Cleaning.Storage;

/// <summary>
/// One version of a raw object: what a key held at one time. <see cref="VersionId"/> names it (S3's version id; in a
/// bucket without versioning, <c>null</c>), <see cref="ETag"/> pins its bytes, <see cref="UploadedAt"/> is its
/// Last-Modified, the upload time the loaders order files by.
/// </summary>
public sealed record RawVersion(string Key, string VersionId, string ETag, long Size, DateTimeOffset UploadedAt);
