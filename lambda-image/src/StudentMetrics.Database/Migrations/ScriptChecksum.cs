using System.Security.Cryptography;
using System.Text;

namespace StudentMetrics.Database.Migrations;

/// <summary>The SHA-256 recorded for each applied script, and compared on every later run.</summary>
internal static class ScriptChecksum
{
    /// <returns>Lower-case hex. Line endings are normalised to LF and a leading BOM is ignored, so a checkout on
    /// Windows (CRLF) does not look like an edit; any other change does.</returns>
    public static string Compute(string contents)
    {
        var text = contents.StartsWith('\uFEFF') ? contents[1..] : contents;
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
