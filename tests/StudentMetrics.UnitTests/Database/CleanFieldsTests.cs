using System.Globalization;
using CsCheck;
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

public sealed class CleanFieldsAgreementTests
{
    [Fact]
    public void Hand_parsed_decimals_equal_the_frameworks() =>
        Gen.Select(Gen.Int[0, 10000], Gen.Int[0, 4]).Sample((units, places) =>
        {
            var text = (units / (decimal)Math.Pow(10, places)).ToString("F" + places, CultureInfo.InvariantCulture);
            var parsed = CleanFields.ParseDecimal(text);
            return parsed == decimal.Parse(text, CultureInfo.InvariantCulture)
                && parsed.Scale == decimal.Parse(text, CultureInfo.InvariantCulture).Scale;
        });

    [Fact]
    public void Hand_parsed_dates_equal_the_frameworks() =>
        Gen.Int[0, 365 * 40].Sample(days =>
        {
            var text = new DateOnly(2000, 1, 1).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return CleanFields.ParseDate(text) == DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        });

    [Theory]
    [InlineData("2025-02-30")]
    [InlineData("2025-13-01")]
    [InlineData("2025-00-10")]
    public void Impossible_dates_are_refused(string text) =>
        Should.Throw<FormatException>(() => CleanFields.ParseDate(text));
}
