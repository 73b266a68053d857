namespace StudentMetrics.Cleaning.Contract;

/// <summary>Codes (ids): upper-cased letters, digits, <c>-</c> and <c>_</c>.</summary>
internal static partial class ValueReader
{
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
}
