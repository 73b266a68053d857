using System.Security.Cryptography;
using System.Text;
using StudentMetrics.Database.Migrations;

namespace StudentMetrics.UnitTests.Database;

public sealed class ScriptChecksumTests
{
    [Fact]
    public void The_checksum_is_the_hex_sha256_of_the_utf8_text()
    {
        const string script = "CREATE TABLE core.t (x int);\n";

        ScriptChecksum.Compute(script).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(script))));
    }

    [Fact]
    public void A_windows_checkout_with_crlf_and_a_bom_has_the_same_checksum()
    {
        const string unix = "CREATE TABLE core.t (x int);\nCREATE INDEX ON core.t (x);\n";

        ScriptChecksum.Compute("\uFEFF" + unix.Replace("\n", "\r\n", StringComparison.Ordinal)).ShouldBe(ScriptChecksum.Compute(unix));
    }

    [Theory]
    [InlineData("CREATE TABLE core.t (x bigint);\n")]
    [InlineData("CREATE TABLE core.t (x int);\n-- comment\n")]
    [InlineData("CREATE TABLE core.t (x int); \n")]
    public void Any_other_edit_changes_the_checksum(string edited) =>
        ScriptChecksum.Compute(edited).ShouldNotBe(ScriptChecksum.Compute("CREATE TABLE core.t (x int);\n"));
}
