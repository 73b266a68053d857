namespace StudentMetrics.Hosting.Lambda;

/// <summary>
/// Turns Lambda's deadline into a cancellation that fires before it: when Lambda's deadline passes it freezes the process
/// mid-write, so the function must stop early enough to report which messages it finished.
/// </summary>
public static class InvocationDeadline
{
    /// <summary>How long before the deadline the token fires, unless the invocation is too short for it.</summary>
    public static readonly TimeSpan DefaultSafetyMargin = TimeSpan.FromSeconds(2);

    /// <summary>The delay after which to cancel: the time left minus the margin, the margin at most a tenth of the time left.</summary>
    public static TimeSpan CancelAfter(DateTimeOffset deadline, DateTimeOffset now, TimeSpan safetyMargin)
    {
        var remaining = deadline - now;
        if (remaining <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var margin = safetyMargin < remaining / 10 ? safetyMargin : remaining / 10;
        return remaining - margin;
    }

    public static CancellationTokenSource CreateTokenSource(DateTimeOffset deadline, TimeSpan safetyMargin, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new CancellationTokenSource(CancelAfter(deadline, time.GetUtcNow(), safetyMargin), time);
    }
}
