namespace StudentMetrics.Aws.S3;

/// <summary>
/// Where each output of a raw object goes. One bucket, one prefix per kind of output, the raw object's path kept
/// below it, so that every output can be traced back to its raw key by name alone.
/// </summary>
public static class FeedKeys
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

    public static bool IsSmokeTest(string rawKey) => IsRaw(rawKey) && RelativePath(rawKey).StartsWith(SmokeTestFolder, StringComparison.Ordinal);

    public static bool IsRaw(string key) => key.StartsWith(Raw, StringComparison.Ordinal) && key.Length > Raw.Length && !key.EndsWith('/');

    public static string RelativePath(string rawKey) =>
        IsRaw(rawKey) ? rawKey[Raw.Length..] : throw new ArgumentException($"'{rawKey}' is not under {Raw}", nameof(rawKey));

    public static string CleanKey(string rawKey) => Clean + RelativePath(rawKey);

    public static string RejectsKey(string rawKey) => Rejects + RelativePath(rawKey);

    public static string ReportKey(string rawKey) => Reports + RelativePath(rawKey) + ".report.json";

    public static string QuarantineKey(string rawKey) => Quarantine + RelativePath(rawKey);

    public static string QuarantineReportKey(string rawKey) => QuarantineKey(rawKey) + ".report.json";

    /// <summary>The rejected rows of a quarantined file: kept beside it, not under rejects/, which holds only what loaded files dropped.</summary>
    public static string QuarantineRejectsKey(string rawKey) => QuarantineKey(rawKey) + ".rejects.csv";

    /// <summary>The raw key a clean object came from (what the loader records as lineage).</summary>
    public static string RawKeyOfClean(string cleanKey) =>
        cleanKey.StartsWith(Clean, StringComparison.Ordinal)
            ? Raw + cleanKey[Clean.Length..]
            : throw new ArgumentException($"'{cleanKey}' is not under {Clean}", nameof(cleanKey));
}
