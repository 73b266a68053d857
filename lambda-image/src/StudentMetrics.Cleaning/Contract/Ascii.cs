namespace StudentMetrics.Cleaning.Contract;

/// <summary>Byte-level helpers for values that are (or must be) ASCII, read straight from UTF-8.</summary>
internal static class Ascii
{
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    public static byte Upper(byte b) => (uint)(b - 'a') <= 'z' - 'a' ? (byte)(b - 32) : b;

    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0B or 0x0C;

    /// <summary>Trims ASCII white space and the UTF-8 no-break space (Excel's favourite padding).</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value)
    {
        // Nearly every value has nothing to trim: a byte above space (and not the no-break space's lead or tail) at each end.
        if (value.Length > 0 && value[0] is > (byte)' ' and not 0xC2 && value[^1] is > (byte)' ' and not 0xA0)
        {
            return value;
        }

        while (true)
        {
            if (value.Length > 0 && IsSpace(value[0]))
            {
                value = value[1..];
            }
            else if (value.Length > 1 && value[0] == 0xC2 && value[1] == 0xA0)
            {
                value = value[2..];
            }
            else
            {
                break;
            }
        }

        while (true)
        {
            if (value.Length > 0 && IsSpace(value[^1]))
            {
                value = value[..^1];
            }
            else if (value.Length > 1 && value[^2] == 0xC2 && value[^1] == 0xA0)
            {
                value = value[..^2];
            }
            else
            {
                return value;
            }
        }
    }

    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> upperWord)
    {
        if (value.Length != upperWord.Length)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (Upper(value[i]) != upperWord[i])
            {
                return false;
            }
        }

        return true;
    }

    public static bool StartsWithIgnoreCase(ReadOnlySpan<byte> value, ReadOnlySpan<byte> upperWord) =>
        value.Length >= upperWord.Length && EqualsIgnoreCase(value[..upperWord.Length], upperWord);

    /// <summary>Characters (code points) in UTF-8 text: every byte that is not a continuation byte starts one.</summary>
    public static int CharacterCount(ReadOnlySpan<byte> utf8)
    {
        var continuation = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) == 0x80)
            {
                continuation++;
            }
        }

        return utf8.Length - continuation;
    }

    /// <summary>Writes a non-negative-or-negative integer in invariant form; returns the bytes written.</summary>
    public static int WriteInteger(long value, Span<byte> destination)
    {
        Span<byte> digits = stackalloc byte[20];
        var negative = value < 0;
        var magnitude = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        var n = 0;
        do
        {
            digits[n++] = (byte)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude != 0);

        var at = 0;
        if (negative)
        {
            destination[at++] = (byte)'-';
        }

        while (n > 0)
        {
            destination[at++] = digits[--n];
        }

        return at;
    }
}
