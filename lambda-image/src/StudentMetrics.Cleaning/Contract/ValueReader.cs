namespace StudentMetrics.Cleaning.Contract;

/// <summary>
/// Reads one trimmed, non-null UTF-8 value of a column and writes its canonical form, without allocating.
/// The stored value (integer, scaled decimal, day number) comes back for range and cross-column rules.
/// </summary>
internal static class ValueReader
{
    private static ReadOnlySpan<byte> MonthNames => "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC"u8;

    /// <summary>For each byte, its upper-case form if it may appear in a code, else 0.</summary>
    private static readonly byte[] CodeBytes = BuildCodeBytes();

    private static byte[] BuildCodeBytes()
    {
        var table = new byte[256];
        for (var b = 0; b < 256; b++)
        {
            var upper = Ascii.Upper((byte)b);
            table[b] = Ascii.IsDigit(upper) || (uint)(upper - 'A') <= 'Z' - 'A' || upper == '-' || upper == '_' ? upper : (byte)0;
        }

        return table;
    }

    /// <param name="commaIsDecimal">The file is <c>;</c>-delimited, so <c>,</c> is a decimal point too.</param>
    /// <param name="output">Room for at least 64 bytes of canonical text; the caller discards it unless the outcome is Ok.</param>
    public static ValueOutcome Read(CompiledColumn column, ReadOnlySpan<byte> value, bool commaIsDecimal, Span<byte> output, out int written, out long stored)
    {
        written = 0;
        stored = 0;
        return column.Type switch
        {
            ColumnType.Code => ReadCode(column, value, output, out written),
            ColumnType.Integer => ReadInteger(column, value, commaIsDecimal, output, out written, out stored),
            ColumnType.Decimal => ReadDecimal(column, value, commaIsDecimal, output, out written, out stored),
            ColumnType.Term => ReadTerm(column, value, output, out written),
            ColumnType.Date => ReadDate(column, value, output, out written, out stored),
            _ => ValueOutcome.InvalidFormat,
        };
    }

    private static ValueOutcome ReadCode(CompiledColumn column, ReadOnlySpan<byte> value, Span<byte> output, out int written)
    {
        written = 0;
        if (value.Length > column.MaxLength)
        {
            return ValueOutcome.InvalidFormat;
        }

        var table = CodeBytes;
        for (var i = 0; i < value.Length; i++)
        {
            var b = table[value[i]];
            if (b == 0)
            {
                return ValueOutcome.InvalidFormat;
            }

            output[i] = b;
        }

        written = value.Length;
        return ValueOutcome.Ok;
    }

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

    private static bool TryDigits(ReadOnlySpan<byte> value, int from, int count, out int number)
    {
        number = 0;
        if (from + count > value.Length)
        {
            return false;
        }

        for (var i = from; i < from + count; i++)
        {
            if (!Ascii.IsDigit(value[i]))
            {
                return false;
            }

            number = (number * 10) + (value[i] - '0');
        }

        return true;
    }

    /// <summary>Reads 1 or 2 digits at <paramref name="at"/>.</summary>
    private static bool TryShortNumber(ReadOnlySpan<byte> value, ref int at, out int number)
    {
        number = 0;
        var from = at;
        while (at < value.Length && at - from < 2 && Ascii.IsDigit(value[at]))
        {
            number = (number * 10) + (value[at] - '0');
            at++;
        }

        return at > from;
    }

    private static ValueOutcome ReadDate(CompiledColumn column, ReadOnlySpan<byte> value, Span<byte> output, out int written, out long stored)
    {
        written = 0;
        stored = 0;
        int year, month, day;
        if (value.Length == 10 && value[4] == '-' && value[7] == '-' && TryDigits(value, 0, 4, out year) && TryDigits(value, 5, 2, out month) && TryDigits(value, 8, 2, out day))
        {
            // Fast path: ISO already, copied as it is once it is known to be a real date in range.
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return ValueOutcome.Unparseable;
            }

            stored = new DateOnly(year, month, day).DayNumber;
            if (stored < column.Min || stored > column.Max)
            {
                return ValueOutcome.OutOfRange;
            }

            value.CopyTo(output);
            written = 10;
            return ValueOutcome.Ok;
        }

        var at = 0;
        if (TryDigits(value, 0, 4, out year) && value.Length > 4 && value[4] == '-')
        {
            // ISO, optionally followed by a time: only the date part counts.
            at = 5;
            if (!TryShortNumber(value, ref at, out month) || at >= value.Length || value[at] != '-')
            {
                return ValueOutcome.Unparseable;
            }

            at++;
            if (!TryShortNumber(value, ref at, out day) || (at < value.Length && value[at] is not ((byte)'T' or (byte)'t' or (byte)' ')))
            {
                return ValueOutcome.Unparseable;
            }
        }
        else
        {
            if (!TryShortNumber(value, ref at, out var leading) || at >= value.Length)
            {
                return ValueOutcome.Unparseable;
            }

            if (value[at] == '/')
            {
                // US: month/day/year.
                month = leading;
                at++;
                if (!TryShortNumber(value, ref at, out day) || at >= value.Length || value[at] != '/' || !TryDigits(value, at + 1, 4, out year) || at + 5 != value.Length)
                {
                    return ValueOutcome.Unparseable;
                }
            }
            else if (value[at] == '-' && at + 5 <= value.Length && value[at + 4] == '-')
            {
                // 15-Mar-2025.
                day = leading;
                month = MonthNumber(value.Slice(at + 1, 3));
                if (month == 0 || !TryDigits(value, at + 5, 4, out year) || at + 9 != value.Length)
                {
                    return ValueOutcome.Unparseable;
                }
            }
            else
            {
                return ValueOutcome.Unparseable;
            }
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return ValueOutcome.Unparseable;
        }

        stored = new DateOnly(year, month, day).DayNumber;
        if (stored < column.Min || stored > column.Max)
        {
            return ValueOutcome.OutOfRange;
        }

        written = WriteIsoDate(year, month, day, output);
        return ValueOutcome.Ok;
    }

    private static int MonthNumber(ReadOnlySpan<byte> three)
    {
        Span<byte> upper = [Ascii.Upper(three[0]), Ascii.Upper(three[1]), Ascii.Upper(three[2])];
        for (var m = 0; m < 12; m++)
        {
            if (MonthNames.Slice(m * 3, 3).SequenceEqual(upper))
            {
                return m + 1;
            }
        }

        return 0;
    }

    private static int WriteIsoDate(int year, int month, int day, Span<byte> output)
    {
        output[0] = (byte)('0' + (year / 1000));
        output[1] = (byte)('0' + (year / 100 % 10));
        output[2] = (byte)('0' + (year / 10 % 10));
        output[3] = (byte)('0' + (year % 10));
        output[4] = (byte)'-';
        output[5] = (byte)('0' + (month / 10));
        output[6] = (byte)('0' + (month % 10));
        output[7] = (byte)'-';
        output[8] = (byte)('0' + (day / 10));
        output[9] = (byte)('0' + (day % 10));
        return 10;
    }
}
