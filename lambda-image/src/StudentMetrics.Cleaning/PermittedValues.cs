namespace StudentMetrics.Cleaning;

/// <summary>
/// The permitted values of one column, looked up from the canonical bytes the cleaner has just written, without a
/// string per row. Canonical values are short ASCII codes, so a stack buffer of chars holds any of them.
/// </summary>
internal sealed class PermittedValues
{
    private const int LongestLookedUp = 256;

    private readonly HashSet<string> _values;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public PermittedValues(IEnumerable<string> values)
    {
        _values = new HashSet<string>(values, StringComparer.Ordinal);
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public bool Contains(ReadOnlySpan<byte> canonical)
    {
        if (canonical.Length > LongestLookedUp)
        {
            return false;
        }

        Span<char> chars = stackalloc char[canonical.Length];
        for (var i = 0; i < canonical.Length; i++)
        {
            chars[i] = (char)canonical[i];
        }

        return _lookup.Contains(chars);
    }
}
