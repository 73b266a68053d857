using System.Security.Cryptography;
using System.Text;
using CsCheck;
using StudentMetrics.Functions.Clean;

namespace StudentMetrics.UnitTests.Functions;

/// <summary>
/// No two raw keys share an output key, whatever they are called, and no output key is longer than S3 takes: every
/// raw key is generated together with the keys most likely to collide with it (its name plus an output's suffix, its
/// name below an output kind's folder, the hash a long key's outputs are named by).
/// </summary>
public sealed class CleanOutputLayoutTests
{
    private static readonly string[] Pieces =
    [
        "a.csv", "x", ".report.json", ".rejects.csv", "report", ".json", "files", "rejects", "reports", "long-keys", "quarantine",
        "clean", "raw", "ñ", "Müller", "Escuela Niños", " ", "+", "%2F", "0f3a", "é", "\t", "..", "日本",
    ];

    private static readonly Gen<string> Segment = Gen.Int[0, Pieces.Length - 1].Array[1, 3].Select(ix => string.Concat(ix.Select(i => Pieces[i])));

    // A path of one to four folders; one time in four, padded with a long tail of multi-byte characters.
    private static readonly Gen<string> RawPath = Gen.Select(Segment.Array[1, 4], Gen.Int[0, 3], Gen.Int[0, 520], (segments, pad, length) =>
        string.Join('/', segments) + (pad == 0 ? new string('ü', length) : ""));

    [Fact]
    public void No_two_raw_keys_share_an_output_and_every_output_name_fits()
    {
        RawPath.Array[1, 5].Sample(paths =>
        {
            var rawKeys = paths.SelectMany(Family).Where(CleanOutputLayout.IsRaw).Distinct(StringComparer.Ordinal).ToList();
            var owners = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var rawKey in rawKeys)
            {
                foreach (var output in CleanOutputLayout.For(rawKey).All)
                {
                    Encoding.UTF8.GetByteCount(output).ShouldBeLessThanOrEqualTo(CleanOutputLayout.MaxKeyBytes, rawKey);
                    output.ShouldNotStartWith(CleanOutputLayout.Raw);
                    if (owners.TryGetValue(output, out var other))
                    {
                        other.ShouldBe(rawKey, $"{output} is an output of both '{other}' and '{rawKey}'");
                    }

                    owners[output] = rawKey;
                }
            }
        });
    }

    [Fact]
    public void A_raw_file_named_like_another_files_quarantine_report_does_not_overwrite_it()
    {
        var file = CleanOutputLayout.For("raw/x/a.csv");
        var namedLikeItsReport = CleanOutputLayout.For("raw/x/a.csv.report.json");
        var namedLikeItsRejects = CleanOutputLayout.For("raw/x/a.csv.rejects.csv");

        namedLikeItsReport.All.Intersect(file.All).ShouldBeEmpty();
        namedLikeItsRejects.All.Intersect(file.All).ShouldBeEmpty();
        file.QuarantineReport.ShouldBe("quarantine/reports/x/a.csv.report.json");
        namedLikeItsReport.Quarantined.ShouldBe("quarantine/files/x/a.csv.report.json");
    }

    [Fact]
    public void A_key_too_long_for_its_outputs_gets_outputs_named_by_its_hash_that_fit()
    {
        var rawKey = "raw/s6/" + new string('k', CleanOutputLayout.MaxKeyBytes - "raw/s6/".Length);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rawKey)));

        var keys = CleanOutputLayout.For(rawKey);

        keys.IsLongKey.ShouldBeTrue();
        keys.All.ShouldBe([$"quarantine/long-keys/{hash}", $"quarantine/long-keys/{hash}.report.json", $"reports/long-keys/{hash}.json"]);
        keys.Clean.ShouldBeNull();
    }

    [Fact]
    public void A_key_whose_outputs_fit_only_just_keeps_its_name()
    {
        // The longest output is quarantine/reports/PATH.report.json: 31 bytes more than PATH.
        var path = "s6/" + new string('k', CleanOutputLayout.MaxKeyBytes - 31 - 3);

        var keys = CleanOutputLayout.For("raw/" + path);

        keys.IsLongKey.ShouldBeFalse();
        Encoding.UTF8.GetByteCount(keys.QuarantineReport).ShouldBe(CleanOutputLayout.MaxKeyBytes);
        CleanOutputLayout.For("raw/" + path + "k").IsLongKey.ShouldBeTrue();
    }

    [Fact]
    public void A_key_whose_name_fits_but_whose_encoded_name_overflows_the_metadata_is_a_long_key()
    {
        // 300 'ñ' are 600 bytes of UTF-8, 1,800 once percent-encoded.
        CleanOutputLayout.For("raw/s6/" + new string('ñ', 300) + ".csv").IsLongKey.ShouldBeTrue();
    }

    [Fact]
    public void A_key_whose_source_folder_makes_the_lineage_overflow_the_metadata_is_a_long_key()
    {
        // The key names its source twice in the metadata: in itself and in the registry entry it was cleaned under.
        var source = new string('ñ', 110);
        var rawKey = $"raw/{source}/{new string('a', 200)}.csv";

        LineageMetadata.Encode(rawKey).Length.ShouldBeLessThan(LineageMetadata.NameBudgetBytes);
        CleanOutputLayout.For(rawKey).IsLongKey.ShouldBeTrue();
    }

    [Theory]
    [InlineData("raw/district7/2025/fall.csv", "district7")]
    [InlineData("raw/Escuela Niños/2025.csv", "Escuela Niños")]
    [InlineData("raw/file.csv", null)]
    public void A_keys_source_is_its_first_folder_below_raw(string rawKey, string? source) =>
        CleanOutputLayout.SourceOf(rawKey).ShouldBe(source);

    [Theory]
    [InlineData("raw/s6/folder/", false)]
    [InlineData("raw/", false)]
    [InlineData("clean/s6/a.csv", false)]
    [InlineData("raw/s6/a.csv", true)]
    public void Only_a_file_under_raw_is_a_raw_object(string key, bool raw) => CleanOutputLayout.IsRaw(key).ShouldBe(raw);

    /// <summary>A raw path and the raw keys most likely to collide with its outputs.</summary>
    private static IEnumerable<string> Family(string path)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("raw/" + path)));
        string[] variants =
        [
            path, path + ".report.json", path + ".rejects.csv", path + ".json", "files/" + path, "rejects/" + path, "reports/" + path,
            "long-keys/" + hash, "long-keys/" + hash + ".json", "long-keys/" + hash + ".report.json", "quarantine/" + path,
        ];
        return variants.Select(v => "raw/" + v);
    }
}
