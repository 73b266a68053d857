using System.Globalization;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>One row of a cleaned file, with plausible values for everything a test does not care about.</summary>
internal sealed record CleanRow(string StudentId, string Term, string RecordedOn, decimal? MathScore = 75.5m, string SchoolId = "SCH001")
{
    public string ToCsv(int sourceRow) => string.Join(',',
        StudentId, SchoolId, "7", Term, MathScore?.ToString("0.00", CultureInfo.InvariantCulture) ?? string.Empty, "81.25", string.Empty, "3.40",
        "90", "85", "2", "0", RecordedOn, sourceRow.ToString(CultureInfo.InvariantCulture));
}
