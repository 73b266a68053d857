namespace StudentMetrics.Cleaning.Contract;

/// <summary>Free text (a category, a label): one of the listed values, written as the contract lists it, or any text up to the column's length, quoted for CSV when it must be.</summary>
internal static partial class ValueReader
{
    private static ValueOutcome ReadText(CompiledColumn column, ReadOnlySpan<byte> value, Span<byte> output, out int written)
    {
        written = 0;
        if (column.Values.Length > 0)
        {
            foreach (var (match, canonical) in column.Values)
            {
                if (Ascii.EqualsIgnoreCase(value, match))
                {
                    return WriteCsvText(canonical, output, out written);
                }
            }

            return ValueOutcome.InvalidFormat;
        }

        return Ascii.CharacterCount(value) > column.MaxLength ? ValueOutcome.InvalidFormat : WriteCsvText(value, output, out written);
    }

    // Codes, numbers and dates never hold a delimiter, a quote or a line break; text may, and the cleaned file is CSV.
    private static ValueOutcome WriteCsvText(ReadOnlySpan<byte> value, Span<byte> output, out int written)
    {
        if (value.IndexOfAny((byte)',', (byte)'"', (byte)'\n') < 0 && !value.Contains((byte)'\r'))
        {
            value.CopyTo(output);
            written = value.Length;
            return ValueOutcome.Ok;
        }

        var w = 0;
        output[w++] = (byte)'"';
        foreach (var b in value)
        {
            output[w++] = b;
            if (b == '"')
            {
                output[w++] = b;
            }
        }

        output[w++] = (byte)'"';
        written = w;
        return ValueOutcome.Ok;
    }
}
