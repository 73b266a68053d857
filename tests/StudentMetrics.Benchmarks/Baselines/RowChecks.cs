using System.Globalization;

namespace StudentMetrics.Benchmarks.Baselines;

/// <summary>What a naive cleaner does with each field of a row: trim, parse with the BCL, range-check. Shared by the baselines.</summary>
internal static class RowChecks
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static bool Check(ReadOnlySpan<char> id, ReadOnlySpan<char> school, ReadOnlySpan<char> grade, ReadOnlySpan<char> term, ReadOnlySpan<char> math, ReadOnlySpan<char> reading,
        ReadOnlySpan<char> science, ReadOnlySpan<char> gpa, ReadOnlySpan<char> enrolled, ReadOnlySpan<char> present, ReadOnlySpan<char> tardies, ReadOnlySpan<char> incidents, ReadOnlySpan<char> recordedOn)
    {
        var ok = id.Trim().Length is > 0 and <= 20 & school.Trim().Length is > 0 and <= 20 & term.Trim().Length == 12;
        ok &= int.TryParse(grade.Trim(), NumberStyles.Integer, Invariant, out var g) && g is >= -1 and <= 12;
        ok &= Score(math, 100) & Score(reading, 100) & Score(science, 100) & Score(gpa, 5);
        ok &= int.TryParse(enrolled.Trim(), NumberStyles.Integer, Invariant, out var e) && e is >= 0 and <= 366;
        ok &= int.TryParse(present.Trim(), NumberStyles.Integer, Invariant, out var p) && p >= 0 && p <= e;
        ok &= int.TryParse(tardies.Trim(), NumberStyles.Integer, Invariant, out var t) && t >= 0;
        ok &= int.TryParse(incidents.Trim(), NumberStyles.Integer, Invariant, out var b) && b >= 0;
        ok &= DateOnly.TryParseExact(recordedOn.Trim(), "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d) && d.Year >= 2000;
        return ok;
    }

    private static bool Score(ReadOnlySpan<char> value, decimal max)
    {
        var v = value.Trim();
        return v.IsEmpty || (decimal.TryParse(v, NumberStyles.Number, Invariant, out var s) && s >= 0 && s <= max);
    }
}
