using System.Buffers.Binary;

namespace StudentMetrics.Database.Loading;

/// <summary>
/// PostgreSQL's binary numeric: int16 ndigits, int16 weight (of the first base-10000 digit), int16 sign,
/// int16 dscale (decimal places shown), then ndigits base-10000 digits, most significant first.
/// </summary>
internal static class PostgresNumeric
{
    private const short Positive = 0x0000;
    private const short Negative = 0x4000;

    /// <returns>The number of bytes written (at most 8 + 2 × 10 for any decimal).</returns>
    public static int Encode(decimal value, Span<byte> destination)
    {
        var scale = value.Scale;
        var negative = value < 0;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var unscaled = new UInt128((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);

        // Align the fraction to whole base-10000 digits: 85.5 (855, scale 1) becomes 85.5000 (855000).
        var fractionGroups = (scale + 3) / 4;
        for (var i = scale; i < fractionGroups * 4; i++)
        {
            unscaled *= 10;
        }

        Span<short> groups = stackalloc short[10];
        var count = 0;
        while (unscaled != 0)
        {
            groups[count++] = (short)(ushort)(unscaled % 10000);
            unscaled /= 10000;
        }

        // groups holds least significant first; the first fractionGroups of them are after the point.
        var weight = count - fractionGroups - 1;
        var low = 0;
        while (low < count && groups[low] == 0)
        {
            low++;
        }

        var digits = count - low;
        if (digits == 0)
        {
            weight = 0;
        }

        BinaryPrimitives.WriteInt16BigEndian(destination, (short)digits);
        BinaryPrimitives.WriteInt16BigEndian(destination[2..], (short)weight);
        BinaryPrimitives.WriteInt16BigEndian(destination[4..], negative && digits > 0 ? Negative : Positive);
        BinaryPrimitives.WriteInt16BigEndian(destination[6..], (short)scale);
        for (var i = 0; i < digits; i++)
        {
            BinaryPrimitives.WriteInt16BigEndian(destination[(8 + (2 * i))..], groups[count - 1 - i]);
        }

        return 8 + (2 * digits);
    }
}
