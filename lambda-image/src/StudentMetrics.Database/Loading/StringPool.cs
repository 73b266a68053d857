namespace StudentMetrics.Database.Loading;

/// <summary>
/// One string per distinct value of a repetitive column (school ids, terms): a million rows hold a few hundred
/// schools and a handful of terms, so they need not allocate a million strings. Bounded, so that a column that
/// turns out not to repeat stops being pooled instead of growing without limit.
/// </summary>
internal sealed class StringPool(int capacity = 4096)
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<char> value)
    {
        var lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var text = value.ToString();
        if (_values.Count < capacity)
        {
            _values.Add(text, text);
        }

        return text;
    }
}
