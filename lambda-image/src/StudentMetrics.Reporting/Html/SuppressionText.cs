using System.Globalization;
using StudentMetrics.Reporting.Data;

namespace StudentMetrics.Reporting.Html;

/// <summary>What the page says in place of a suppressed group's figures.</summary>
internal static class SuppressionText
{
    public static string For(string? reason, ReportingSettings settings) => reason switch
    {
        "complementary" => "Suppressed so that a smaller group cannot be worked out",
        _ => "Suppressed: fewer than " + settings.MinGroupSize.ToString(CultureInfo.InvariantCulture) + " students",
    };
}
