namespace StudentMetrics.Cleaning.Contract;

/// <summary>Whole numbers: <c>12</c>, <c>12.0</c>, word tokens, prefixes (<c>Grade 9</c>) and ordinal suffixes (<c>9th</c>).</summary>
internal static partial class ValueReader
{
    private static ValueOutcome ReadInteger(CompiledColumn column, ReadOnlySpan<byte> value, bool commaIsDecimal, Span<byte> output, out int written, out long stored)
    {
        written = 0;
        stored = 0;
        if (value.Length <= 9 && TryPlainDigits(value, out var plain))
        {
            // Fast path: plain digits, already canonical unless zero-padded.
            stored = plain;
            if (stored < column.Min || stored > column.Max)
            {
                return ValueOutcome.OutOfRange;
            }

            if (value[0] != '0' || value.Length == 1)
            {
                value.CopyTo(output);
                written = value.Length;
            }
            else
            {
                written = Ascii.WriteInteger(stored, output);
            }

            return ValueOutcome.Ok;
        }

        var found = false;
        foreach (var (word, tokenValue) in column.Tokens)
        {
            if (Ascii.EqualsIgnoreCase(value, word))
            {
                stored = tokenValue;
                found = true;
                break;
            }
        }

        if (!found)
        {
            foreach (var prefix in column.Prefixes)
            {
                if (Ascii.StartsWithIgnoreCase(value, prefix))
                {
                    value = Ascii.Trim(value[prefix.Length..]);
                    break;
                }
            }

            var at = 0;
            var negative = false;
            if (at < value.Length && value[at] is (byte)'+' or (byte)'-')
            {
                negative = value[at] == '-';
                at++;
            }

            var digitsFrom = at;
            long magnitude = 0;
            var tooBig = false;
            while (at < value.Length && Ascii.IsDigit(value[at]))
            {
                if (magnitude > 99_999_999_999_999L)
                {
                    tooBig = true;
                }
                else
                {
                    magnitude = (magnitude * 10) + (value[at] - '0');
                }

                at++;
            }

            if (at == digitsFrom)
            {
                return ValueOutcome.Unparseable;
            }

            if (at < value.Length && (value[at] == '.' || (commaIsDecimal && value[at] == ',')))
            {
                // Whole numbers written with a zero fraction (12.0) are whole numbers; 12.5 is not an integer.
                at++;
                while (at < value.Length && value[at] == '0')
                {
                    at++;
                }
            }
            else if (column.AllowsOrdinalSuffix && value.Length - at == 2 && IsOrdinalSuffix(value[at..]))
            {
                at += 2;
            }

            if (at != value.Length)
            {
                return ValueOutcome.Unparseable;
            }

            if (tooBig)
            {
                return ValueOutcome.OutOfRange;
            }

            stored = negative ? -magnitude : magnitude;
        }

        if (stored < column.Min || stored > column.Max)
        {
            return ValueOutcome.OutOfRange;
        }

        written = Ascii.WriteInteger(stored, output);
        return ValueOutcome.Ok;
    }

    private static bool TryPlainDigits(ReadOnlySpan<byte> value, out long number)
    {
        number = 0;
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var b in value)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        return true;
    }

    private static bool IsOrdinalSuffix(ReadOnlySpan<byte> two) =>
        Ascii.EqualsIgnoreCase(two, "ST"u8) || Ascii.EqualsIgnoreCase(two, "ND"u8) || Ascii.EqualsIgnoreCase(two, "RD"u8) || Ascii.EqualsIgnoreCase(two, "TH"u8);
}
