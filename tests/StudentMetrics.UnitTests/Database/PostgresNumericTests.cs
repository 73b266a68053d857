using System.Buffers.Binary;
using System.Globalization;
using StudentMetrics.Database.Loading;

namespace StudentMetrics.UnitTests.Database;

public sealed class PostgresNumericTests
{
    [Theory]
    [InlineData("85.50", new short[] { 85, 5000 }, 0, 2)]
    [InlineData("100", new short[] { 100 }, 0, 0)]
    [InlineData("0.05", new short[] { 500 }, -1, 2)]
    [InlineData("12345.6", new short[] { 1, 2345, 6000 }, 1, 1)]
    [InlineData("0", new short[] { }, 0, 0)]
    [InlineData("0.00", new short[] { }, 0, 2)]
    public void A_decimal_is_encoded_as_base_10000_digits_with_weight_and_scale(string text, short[] digits, short weight, short scale)
    {
        Span<byte> bytes = stackalloc byte[28];

        var size = PostgresNumeric.Encode(decimal.Parse(text, CultureInfo.InvariantCulture), bytes);

        size.ShouldBe(8 + (2 * digits.Length));
        BinaryPrimitives.ReadInt16BigEndian(bytes).ShouldBe((short)digits.Length);
        BinaryPrimitives.ReadInt16BigEndian(bytes[2..]).ShouldBe(weight);
        BinaryPrimitives.ReadInt16BigEndian(bytes[4..]).ShouldBe((short)0);
        BinaryPrimitives.ReadInt16BigEndian(bytes[6..]).ShouldBe(scale);
        for (var i = 0; i < digits.Length; i++)
        {
            BinaryPrimitives.ReadInt16BigEndian(bytes[(8 + (2 * i))..]).ShouldBe(digits[i]);
        }
    }

    [Fact]
    public void A_negative_value_carries_the_negative_sign()
    {
        Span<byte> bytes = stackalloc byte[28];

        PostgresNumeric.Encode(-1.5m, bytes);

        BinaryPrimitives.ReadInt16BigEndian(bytes[4..]).ShouldBe((short)0x4000);
    }
}
