using System.Text;
using StudentMetrics.Database;

namespace StudentMetrics.Cli.Commands;

/// <summary>The text <c>migrate</c> prints: one line per script, so that a pull request can show a dry run as is.</summary>
internal static class MigrationReport
{
    public static string Format(MigrationResult result)
    {
        var text = new StringBuilder();
        var verb = result.DryRun ? "would apply" : "applied";
        foreach (var script in result.Scripts)
        {
            text.Append(verb).Append(' ').Append(script).Append('\n');
        }

        foreach (var script in result.AppliedButUnknown)
        {
            text.Append("applied but not in this build ").Append(script).Append('\n');
        }

        text.Append("migrate: ").Append(Summary(result));
        return text.ToString();
    }

    /// <summary>One line: how many scripts this run applied (or would), and how many the database had already.</summary>
    public static string Summary(MigrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return $"{result.Scripts.Count} {(result.DryRun ? "pending" : "applied")}, {result.AlreadyApplied} already applied";
    }
}
