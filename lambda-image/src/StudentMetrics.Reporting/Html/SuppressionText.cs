using System.Globalization;
using StudentMetrics.Reporting.Data;

namespace StudentMetrics.Reporting.Html;

/// <summary>What the page says in place of a hidden figure.</summary>
internal static class SuppressionText
{
    public static string For(string? reason, ReportingSettings settings) => reason switch
    {
        "complementary" => "Suppressed so that a smaller group cannot be worked out",
        "small_share" => "Suppressed: too few students either way",
        _ => "Suppressed: fewer than " + settings.MinGroupSize.ToString(CultureInfo.InvariantCulture) + " students",
    };

    /// <summary>A coded value as the page says it: "< 4% of students (fewer than 10)".</summary>
    public static string Coded(string coded, ReportingSettings settings) =>
        coded + " of students (exact figure withheld: fewer than " + settings.MinGroupSize.ToString(CultureInfo.InvariantCulture) + " students either way)";
}
