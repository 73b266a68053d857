using StudentMetrics.Database.Loading;

namespace StudentMetrics.UnitTests.Database;

public sealed class ContentHashTests
{
    [Fact]
    public void A_hash_is_stored_lower_case_and_trimmed() =>
        ContentHash.Normalise(" " + new string('A', 32) + new string('0', 32) + "\n").ShouldBe(new string('a', 32) + new string('0', 32));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("g000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000000")]
    public void Anything_but_64_hex_digits_is_refused(string hash) =>
        Should.Throw<ArgumentException>(() => ContentHash.Normalise(hash));
}
