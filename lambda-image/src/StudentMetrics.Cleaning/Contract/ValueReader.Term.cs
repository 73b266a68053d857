namespace StudentMetrics.Cleaning.Contract;

/// <summary>School terms, canonical <c>YYYY-YYYY-P</c>: <c>2024-25 S1</c>, <c>2024/2025 s1</c>, <c>2024-2025_S1</c>.</summary>
internal static partial class ValueReader
{
    private static bool IsTermSeparator(byte b) => b is (byte)'-' or (byte)'/' or (byte)'_' or (byte)' ' or (byte)'\t';

    private static ValueOutcome ReadTerm(CompiledColumn column, ReadOnlySpan<byte> value, Span<byte> output, out int written)
    {
        written = 0;
        if (value.Length == 12 && value[4] == '-' && value[9] == '-' && TryDigits(value, 0, 4, out var year1) && TryDigits(value, 5, 4, out var year2) && year2 == year1 + 1)
        {
            // Fast path: already canonical, so it is copied as it is.
            var code = value[10..];
            foreach (var candidate in column.Periods)
            {
                if (code.SequenceEqual(candidate))
                {
                    value.CopyTo(output);
                    written = value.Length;
                    return ValueOutcome.Ok;
                }
            }
        }

        if (!TryDigits(value, 0, 4, out var first))
        {
            return ValueOutcome.InvalidFormat;
        }

        var at = 4;
        var separatorFrom = at;
        while (at < value.Length && IsTermSeparator(value[at]))
        {
            at++;
        }

        if (at == separatorFrom)
        {
            return ValueOutcome.InvalidFormat;
        }

        var yearFrom = at;
        while (at < value.Length && Ascii.IsDigit(value[at]))
        {
            at++;
        }

        int second;
        if (at - yearFrom == 4)
        {
            TryDigits(value, yearFrom, 4, out second);
        }
        else if (at - yearFrom == 2)
        {
            TryDigits(value, yearFrom, 2, out var shortYear);
            second = (first / 100 * 100) + shortYear;
            if (second < first)
            {
                second += 100;
            }
        }
        else
        {
            return ValueOutcome.InvalidFormat;
        }

        while (at < value.Length && IsTermSeparator(value[at]))
        {
            at++;
        }

        var period = value[at..];
        byte[]? match = null;
        foreach (var candidate in column.Periods)
        {
            if (Ascii.EqualsIgnoreCase(period, candidate))
            {
                match = candidate;
                break;
            }
        }

        if (match is null || second != first + 1)
        {
            return ValueOutcome.InvalidFormat;
        }

        var w = Ascii.WriteInteger(first, output);
        output[w++] = (byte)'-';
        w += Ascii.WriteInteger(second, output[w..]);
        output[w++] = (byte)'-';
        match.CopyTo(output[w..]);
        written = w + match.Length;
        return ValueOutcome.Ok;
    }
}
