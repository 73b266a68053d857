using System.Globalization;

namespace StudentMetrics.Database.Loading;

/// <summary>
/// Parses the canonical values a cleaned file holds (ISO dates, '.' decimals, plain integers, empty for null),
/// straight from the reader's field spans so that a million rows allocate no strings for numbers and dates.
/// The canonical forms are parsed by hand (they are most of a large load's client time); anything else falls back
/// to the framework's parser, which accepts the same values and throws the same exceptions.
/// </summary>
internal static class CleanFields
{
    public static short ParseInt16(ReadOnlySpan<char> field) =>
        short.Parse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static int ParseInt32(ReadOnlySpan<char> field) =>
        int.Parse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static long ParseInt64(ReadOnlySpan<char> field) =>
        long.Parse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static decimal ParseDecimal(ReadOnlySpan<char> field)
    {
        // digits, optionally '.' and up to four more digits: "85", "85.5", "3.40"
        if (field.Length is > 0 and <= 12)
        {
            long value = 0;
            byte scale = 0;
            var point = false;
            var i = 0;
            for (; i < field.Length; i++)
            {
                var c = field[i];
                if (c == '.' && !point && i > 0 && i < field.Length - 1)
                {
                    point = true;
                }
                else if (char.IsAsciiDigit(c) && (!point || scale < 4))
                {
                    value = (value * 10) + (c - '0');
                    scale += point ? (byte)1 : (byte)0;
                }
                else
                {
                    break;
                }
            }

            if (i == field.Length)
            {
                return new decimal((int)value, (int)(value >> 32), 0, isNegative: false, scale);
            }
        }

        return decimal.Parse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    public static DateOnly ParseDate(ReadOnlySpan<char> field)
    {
        if (field.Length == 10 && field[4] == '-' && field[7] == '-'
            && TryDigits(field[..4], out var year) && TryDigits(field.Slice(5, 2), out var month) && TryDigits(field.Slice(8, 2), out var day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            return new DateOnly(year, month, day);
        }

        return DateOnly.ParseExact(field, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None);
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
