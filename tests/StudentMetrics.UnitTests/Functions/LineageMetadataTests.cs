using System.Text;
using CsCheck;
using StudentMetrics.Functions.Clean;

namespace StudentMetrics.UnitTests.Functions;

/// <summary>S3 metadata is ASCII in HTTP headers; keys are any UTF-8: every value is encoded to ASCII and decoded back exactly.</summary>
public sealed class LineageMetadataTests
{
    private static readonly Gen<string> AnyText = Gen.String.Where(s => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) == s);

    [Fact]
    public void Any_text_is_encoded_as_printable_ascii_without_spaces_and_decoded_back_exactly() =>
        AnyText.Sample(text =>
        {
            var encoded = LineageMetadata.Encode(text);

            encoded.ShouldAllBe(c => c > ' ' && c < 127);
            LineageMetadata.Decode(encoded).ShouldBe(text);
        });

    [Theory]
    [InlineData("raw/district7/2025-01.csv", "raw/district7/2025-01.csv")]
    [InlineData("raw/Escuela Niños/2025.csv", "raw/Escuela%20Ni%C3%B1os/2025.csv")]
    [InlineData("raw/s6/Müller.csv", "raw/s6/M%C3%BCller.csv")]
    [InlineData("raw/a+b%c.csv", "raw/a%2Bb%25c.csv")]
    public void Keys_read_as_urls_do(string key, string encoded)
    {
        LineageMetadata.Encode(key).ShouldBe(encoded);
        Uri.UnescapeDataString(encoded).ShouldBe(key);
    }

    [Fact]
    public void The_lineage_written_is_the_lineage_read()
    {
        var lineage = new Lineage("raw/Escuela Niños/2025.csv", new string('a', 64), "3/L4kqtJl+cpXroD", new DateTimeOffset(2025, 3, 15, 10, 0, 1, 250, TimeSpan.Zero), 3, "0A1B2C", "raw/Escuela Niños/@7", "1.0.0+abc", "student_metrics", "1.0");

        LineageMetadata.Read(LineageMetadata.Write(lineage)).ShouldBe(lineage);
    }

    [Fact]
    public void A_key_too_long_for_the_metadata_is_left_out_and_the_rest_reads_back()
    {
        var lineage = new Lineage(null, new string('b', 64), "v1", DateTimeOffset.UnixEpoch, 1, null, "none", "build", "student_metrics", "1.0");

        var metadata = LineageMetadata.Write(lineage);

        metadata.ShouldNotContainKey(LineageMetadata.SourceKey);
        LineageMetadata.Read(metadata).ShouldBe(lineage);
    }

    [Fact]
    public void Metadata_without_the_lineage_is_not_an_output_of_this_cleaner() =>
        LineageMetadata.Read(new Dictionary<string, string> { [LineageMetadata.SourceKey] = "raw/a.csv", [LineageMetadata.SourceSha256] = "ab" }).ShouldBeNull();
}
