namespace StudentMetrics.Aws.S3;

/// <summary>The object a server-side copy reads: one version of a key (by version id when it has one, else by ETag) and its size.</summary>
internal sealed record S3CopySource(string Key, string? VersionId, string ETag, long Size);
