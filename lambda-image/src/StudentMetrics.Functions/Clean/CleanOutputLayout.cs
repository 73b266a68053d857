using System.Security.Cryptography;
using System.Text;

namespace StudentMetrics.Functions.Clean;

/// <summary>
/// Where every output of a raw object goes, in the bucket and in a local directory alike: one prefix per kind of
/// output with the raw object's path kept below it, so that every output can be traced to its raw key by name. The one
/// definition of the layout: the cleaner writes by it, the loaders and the local run read by it.
/// <para>
/// No two raw keys share an output, whatever they are named: every kind of output has a namespace of its own (a prefix
/// no other kind uses, and below it either the raw path or the raw path with one fixed suffix), and a key too long for
/// its outputs gets the hash of its name in a namespace that no raw path reaches (see <see cref="For"/>).
/// </para>
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

    /// <summary>A quarantined file as it came, its rejected rows and its report, each under its own part of quarantine/.</summary>
    public const string QuarantinedFiles = Quarantine + "files/";
    public const string QuarantinedRejects = Quarantine + "rejects/";
    public const string QuarantinedReports = Quarantine + "reports/";

    /// <summary>The outputs of a key too long for the others: named by the SHA-256 of the key.</summary>
    public const string LongKeys = "long-keys/";

    public const string ReportSuffix = ".report.json";

    /// <summary>The source registry as published for the clean function (see <c>S3SourceRegistry</c>).</summary>
    public const string SourceRegistry = "registry/sources.json";

    /// <summary>S3's longest object key, in bytes of UTF-8.</summary>
    public const int MaxKeyBytes = 1024;

    /// <summary>An object the clean function handles: under raw/, and a file, not a folder marker (a key ending in '/').</summary>
    public static bool IsRaw(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(Raw, StringComparison.Ordinal) && key.Length > Raw.Length && !IsFolderMarker(key);
    }

    /// <summary>What the console's "Create folder" makes: an object whose key ends in '/'. Not a file.</summary>
    public static bool IsFolderMarker(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.EndsWith('/');
    }

    /// <summary>The source a raw key belongs to: the first folder below raw/ (<c>raw/SOURCE/…</c>), or null for a file in no folder.</summary>
    public static string? SourceOf(string rawKey)
    {
        ArgumentNullException.ThrowIfNull(rawKey);
        var path = PathOf(rawKey);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? path[..slash] : null;
    }

    /// <summary>The prefix of a source's uploads: <c>raw/SOURCE/</c>.</summary>
    public static string SourcePrefix(string source)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        return Raw + source + "/";
    }

    /// <exception cref="ArgumentException">The key is not a raw object's.</exception>
    public static CleanOutputKeys For(string rawKey)
    {
        var path = PathOf(rawKey);
        var regular = new CleanOutputKeys(
            rawKey,
            IsLongKey: false,
            Report: Reports + path + ReportSuffix,
            QuarantineReport: QuarantinedReports + path + ReportSuffix,
            Quarantined: QuarantinedFiles + path,
            Clean: Clean + path,
            Rejects: Rejects + path,
            QuarantineRejects: QuarantinedRejects + path);
        if (regular.All.Max(Encoding.UTF8.GetByteCount) <= MaxKeyBytes && LineageMetadata.FitsKey(rawKey, SourceOf(rawKey) is { } source ? SourcePrefix(source) : null))
        {
            return regular;
        }

        // Nothing of it can be named after the key: the hash names the report and the copy set aside. The report's
        // name ends in ".json" but not ".report.json" (hex digits never spell "report"), so no raw key's report is
        // ever called that, and quarantine/long-keys/ is a part of quarantine/ that no other kind uses.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawKey)));
        return new CleanOutputKeys(
            rawKey,
            IsLongKey: true,
            Report: Reports + LongKeys + hash + ".json",
            QuarantineReport: Quarantine + LongKeys + hash + ReportSuffix,
            Quarantined: Quarantine + LongKeys + hash,
            Clean: null,
            Rejects: null,
            QuarantineRejects: null);
    }

    /// <summary>The raw key a cleaned object came from, by name (its metadata says so too).</summary>
    public static string RawKeyOfClean(string cleanKey)
    {
        ArgumentNullException.ThrowIfNull(cleanKey);
        return cleanKey.StartsWith(Clean, StringComparison.Ordinal)
            ? Raw + cleanKey[Clean.Length..]
            : throw new ArgumentException($"'{cleanKey}' is not under {Clean}", nameof(cleanKey));
    }

    private static string PathOf(string rawKey) =>
        IsRaw(rawKey) ? rawKey[Raw.Length..] : throw new ArgumentException($"'{rawKey}' is not a file under {Raw}", nameof(rawKey));
}
