namespace StudentMetrics.Functions.Clean;

/// <summary>
/// Where every output of a raw object goes, in the bucket and in a local directory alike: one prefix per kind of
/// output with the raw object's path kept below it, so that every output can be traced to its raw key by name.
/// The one definition of the layout: the cleaner writes by it, the loaders and the local run read by it.
/// </summary>
public static class CleanOutputLayout
{
    public const string Raw = "raw/";
    public const string Clean = "clean/";
    public const string Rejects = "rejects/";
    public const string Reports = "reports/";
    public const string Quarantine = "quarantine/";

    /// <summary>
    /// Where the deploy's smoke test puts its sample (raw/smoke-test/…): cleaned like any upload, never crawled or
    /// loaded (the crawler excludes it), so it is not counted with the schools' files either.
    /// </summary>
    public const string SmokeTestFolder = "smoke-test/";

    public static bool IsSmokeTest(string rawKey) => IsRaw(rawKey) && rawKey[Raw.Length..].StartsWith(SmokeTestFolder, StringComparison.Ordinal);

    public static bool IsRaw(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(Raw, StringComparison.Ordinal) && key.Length > Raw.Length && !key.EndsWith('/');
    }

    /// <exception cref="ArgumentException">The key is not a raw object's.</exception>
    public static CleanOutputKeys For(string rawKey)
    {
        var path = IsRaw(rawKey) ? rawKey[Raw.Length..] : throw new ArgumentException($"'{rawKey}' is not under {Raw}", nameof(rawKey));
        return new CleanOutputKeys(
            Clean: Clean + path,
            Rejects: Rejects + path,
            Report: Reports + path + ".report.json",
            Quarantined: Quarantine + path,
            // The rejected rows of a quarantined file are kept beside it: rejects/ holds only what loaded files dropped.
            QuarantineRejects: Quarantine + path + ".rejects.csv",
            QuarantineReport: Quarantine + path + ".report.json");
    }

    /// <summary>The raw key a cleaned object came from, by name (its metadata says so too).</summary>
    public static string RawKeyOfClean(string cleanKey)
    {
        ArgumentNullException.ThrowIfNull(cleanKey);
        return cleanKey.StartsWith(Clean, StringComparison.Ordinal)
            ? Raw + cleanKey[Clean.Length..]
            : throw new ArgumentException($"'{cleanKey}' is not under {Clean}", nameof(cleanKey));
    }
}
