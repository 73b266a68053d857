namespace StudentMetrics.Cleaning.Contract;

/// <summary>Header matching: case-insensitive, ignoring surrounding spaces and any space, <c>_</c> or <c>-</c> between words.</summary>
public static class HeaderNames
{
    public static string Normalise(string headerCell)
    {
        ArgumentNullException.ThrowIfNull(headerCell);
        var trimmed = headerCell.Trim();
        return string.Create(trimmed.Length - trimmed.Count(IsSeparator), trimmed, static (span, source) =>
        {
            var w = 0;
            foreach (var c in source)
            {
                if (!IsSeparator(c))
                {
                    span[w++] = char.ToLowerInvariant(c);
                }
            }
        });
    }

    private static bool IsSeparator(char c) => c is ' ' or '_' or '-' or '\t' or '\u00A0';
}
