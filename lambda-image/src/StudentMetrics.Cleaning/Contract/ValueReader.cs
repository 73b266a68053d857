namespace StudentMetrics.Cleaning.Contract;

/// <summary>
/// Reads one trimmed, non-null UTF-8 value of a column and writes its canonical form, without allocating.
/// The stored value (integer, scaled decimal, day number) comes back for range and cross-column rules.
/// One partial file per type of value, as Sylvan splits its reader by concern; the digit readers they share are here.
/// </summary>
internal static partial class ValueReader
{
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
            ColumnType.Text => ReadText(column, value, output, out written),
            _ => ValueOutcome.InvalidFormat,
        };
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
}
