using System.Globalization;

namespace StudentMetrics.Database.Loading;

/// <summary>
/// Parses the canonical values a cleaned file holds (ISO dates, '.' decimals, plain integers, empty for null),
/// straight from the reader's field spans so that a million rows allocate no strings for numbers and dates.
/// </summary>
internal static class CleanFields
{
    public static short ParseInt16(ReadOnlySpan<char> field) =>
        short.Parse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static int ParseInt32(ReadOnlySpan<char> field) =>
        int.Parse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static decimal ParseDecimal(ReadOnlySpan<char> field) =>
        decimal.Parse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(ReadOnlySpan<char> field) =>
        DateOnly.ParseExact(field, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
