namespace StudentMetrics.UnitTests.Cleaning;

/// <summary>A clock stopped at one instant, so that "the day of processing" is known to the test.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
