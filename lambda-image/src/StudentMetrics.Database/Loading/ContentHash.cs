namespace StudentMetrics.Database.Loading;

/// <summary>The form a content hash is stored in: 64 lower-case hex digits.</summary>
internal static class ContentHash
{
    public static string Normalise(string sha256)
    {
        var hash = sha256.Trim().ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"'{sha256}' is not a hex SHA-256 (64 hex digits).", nameof(sha256));
        }

        return hash;
    }
}
