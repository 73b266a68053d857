using StudentMetrics.Database.Loading;

namespace StudentMetrics.UnitTests.Database;

public sealed class CleanFieldsTests
{
    [Fact]
    public void Canonical_values_parse_to_their_types()
    {
        CleanFields.ParseInt16("-1").ShouldBe((short)-1);
        CleanFields.ParseInt32("366").ShouldBe(366);
        CleanFields.ParseDecimal("85.50").ShouldBe(85.50m);
        CleanFields.ParseDecimal("100").ShouldBe(100m);
        CleanFields.ParseDate("2025-03-15").ShouldBe(new DateOnly(2025, 3, 15));
    }

    [Theory]
    [InlineData("85,5")]
    [InlineData("1e2")]
    [InlineData(" 85")]
    [InlineData("85%")]
    public void A_decimal_in_anything_but_canonical_form_is_refused(string field) =>
        Should.Throw<FormatException>(() => CleanFields.ParseDecimal(field));

    [Theory]
    [InlineData("3/15/2025")]
    [InlineData("2025-3-15")]
    [InlineData("2025-03-15T10:00:00Z")]
    public void A_date_in_anything_but_iso_form_is_refused(string field) =>
        Should.Throw<FormatException>(() => CleanFields.ParseDate(field));

    [Fact]
    public void An_integer_out_of_the_columns_range_is_refused() =>
        Should.Throw<OverflowException>(() => CleanFields.ParseInt16("40000"));
}
