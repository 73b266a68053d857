using CsCheck;
using StudentMetrics.Reporting.Charts;

namespace StudentMetrics.UnitTests.Reporting;

public sealed class ValueScaleTests
{
    [Fact]
    public void A_scale_covers_its_data_with_evenly_spaced_round_ticks()
    {
        Gen.Select(Gen.Double[-1000, 1000], Gen.Double[0.001, 1000], Gen.Int[2, 10]).Sample((min, span, maxTicks) =>
        {
            var scale = ValueScale.Nice(min, min + span, maxTicks);
            scale.Min.ShouldBeLessThanOrEqualTo(min);
            scale.Max.ShouldBeGreaterThanOrEqualTo(min + span);
            scale.Ticks.Count.ShouldBeGreaterThanOrEqualTo(2);
            var step = scale.Ticks[1] - scale.Ticks[0];
            var mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step)));
            new[] { 1.0, 2.0, 5.0, 10.0 }.ShouldContain(m => Math.Abs(m - mantissa) < 1e-6);
            for (var i = 1; i < scale.Ticks.Count; i++)
            {
                (scale.Ticks[i] - scale.Ticks[i - 1]).ShouldBe(step, step * 1e-6);
            }
        });
    }

    [Fact]
    public void A_rate_scale_from_zero_to_one_ticks_every_fifth()
    {
        ValueScale.Nice(0, 1).Ticks.ShouldBe([0, 0.2, 0.4, 0.6, 0.8, 1]);
    }

    [Fact]
    public void Positions_are_proportional_and_clamped_to_the_axis()
    {
        var scale = ValueScale.Nice(0, 100);
        scale.Position(25, 400).ShouldBe(100);
        scale.Position(-5, 400).ShouldBe(0);
        scale.Position(150, 400).ShouldBe(400);
    }

    [Fact]
    public void A_flat_range_still_gets_an_axis()
    {
        var scale = ValueScale.Nice(70, 70);
        scale.Max.ShouldBeGreaterThan(scale.Min);
        scale.Min.ShouldBeLessThanOrEqualTo(70);
        scale.Max.ShouldBeGreaterThanOrEqualTo(70);
    }
}
