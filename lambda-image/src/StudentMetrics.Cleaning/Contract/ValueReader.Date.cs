namespace StudentMetrics.Cleaning.Contract;

/// <summary>Dates, canonical ISO: <c>2025-03-15</c>, <c>3/15/2025</c>, <c>15-Mar-2025</c>, <c>2025-03-15T10:00:00Z</c>.</summary>
internal static partial class ValueReader
{
    private static ReadOnlySpan<byte> MonthNames => "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC"u8;

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
