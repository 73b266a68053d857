namespace StudentMetrics.Cleaning.Storage;

/// <summary>An object a write has just made: its ETag, and its version id when the store keeps versions.</summary>
public sealed record WrittenObject(string Key, string ETag, string? VersionId);
