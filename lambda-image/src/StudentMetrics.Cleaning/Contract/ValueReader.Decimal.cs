namespace StudentMetrics.Cleaning.Contract;

/// <summary>Decimals rounded to the column's scale: <c>85</c>, <c>85.5</c>, <c>85%</c>, <c>85,5</c> in a <c>;</c> file.</summary>
internal static partial class ValueReader
{
    private static ValueOutcome ReadDecimal(CompiledColumn column, ReadOnlySpan<byte> value, bool commaIsDecimal, Span<byte> output, out int written, out long stored)
    {
        written = 0;
        stored = 0;
        if (TryCanonicalDecimal(value, column.Scale, out var canonical))
        {
            // Fast path: already written as the cleaned file writes it (85.50), so it is copied as it is.
            stored = canonical;
            if (stored < column.Min || stored > column.Max)
            {
                return ValueOutcome.OutOfRange;
            }

            value.CopyTo(output);
            written = value.Length;
            return ValueOutcome.Ok;
        }

        if (column.AllowsPercent && value.Length > 0 && value[^1] == '%')
        {
            value = Ascii.Trim(value[..^1]);
        }

        var at = 0;
        var negative = false;
        if (at < value.Length && value[at] is (byte)'+' or (byte)'-')
        {
            negative = value[at] == '-';
            at++;
        }

        long whole = 0;
        var digits = 0;
        var tooBig = false;
        while (at < value.Length && Ascii.IsDigit(value[at]))
        {
            if (whole > 999_999_999_999L)
            {
                tooBig = true;
            }
            else
            {
                whole = (whole * 10) + (value[at] - '0');
            }

            at++;
            digits++;
        }

        long fraction = 0;
        var kept = 0;
        var roundUp = false;
        if (at < value.Length && (value[at] == '.' || (commaIsDecimal && value[at] == ',')))
        {
            at++;
            var fractionFrom = at;
            while (at < value.Length && Ascii.IsDigit(value[at]))
            {
                if (kept < column.Scale)
                {
                    fraction = (fraction * 10) + (value[at] - '0');
                    kept++;
                }
                else if (at - fractionFrom == column.Scale)
                {
                    // Half away from zero: only the first dropped digit decides.
                    roundUp = value[at] >= '5';
                }

                at++;
            }

            digits += at - fractionFrom;
        }

        if (digits == 0 || at != value.Length)
        {
            return ValueOutcome.Unparseable;
        }

        if (tooBig)
        {
            return ValueOutcome.OutOfRange;
        }

        var factor = 1L;
        for (var i = 0; i < column.Scale; i++)
        {
            factor *= 10;
        }

        while (kept < column.Scale)
        {
            fraction *= 10;
            kept++;
        }

        var magnitude = (whole * factor) + fraction + (roundUp ? 1 : 0);
        stored = negative ? -magnitude : magnitude;
        if (stored < column.Min || stored > column.Max)
        {
            return ValueOutcome.OutOfRange;
        }

        written = WriteScaled(stored, column.Scale, factor, output);
        return ValueOutcome.Ok;
    }

    /// <summary>Digits (no leading zero unless alone), a point, exactly <paramref name="scale"/> digits.</summary>
    private static bool TryCanonicalDecimal(ReadOnlySpan<byte> value, int scale, out long stored)
    {
        stored = 0;
        var point = value.Length - scale - 1;
        if (scale == 0 || point < 1 || point > 12 || value[point] != '.' || (value[0] == '0' && point > 1))
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (i == point)
            {
                continue;
            }

            var digit = (uint)(value[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            stored = (stored * 10) + digit;
        }

        return true;
    }

    private static int WriteScaled(long stored, int scale, long factor, Span<byte> output)
    {
        var at = 0;
        if (stored < 0)
        {
            output[at++] = (byte)'-';
            stored = -stored;
        }

        at += Ascii.WriteInteger(stored / factor, output[at..]);
        if (scale > 0)
        {
            output[at++] = (byte)'.';
            var fraction = stored % factor;
            for (var f = factor / 10; f > 0; f /= 10)
            {
                output[at++] = (byte)('0' + (fraction / f));
                fraction %= f;
            }
        }

        return at;
    }
}
