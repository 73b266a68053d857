namespace StudentMetrics.Database;

/// <summary>Where a cleaned file came from: the raw object's key and the SHA-256 (hex) of its content, the file's identity.</summary>
public sealed record LoadSource(string ObjectKey, string ContentSha256);
