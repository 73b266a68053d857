namespace StudentMetrics.Cleaning.Storage;

/// <summary>An object as a HEAD request shows it: which one it is (its ETag) and the metadata it was written with.</summary>
public sealed record ObjectState(string Key, string ETag, IReadOnlyDictionary<string, string> Metadata);
