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
        if (result.BaselineByEquivalence is { } equivalent)
        {
            text.Append(result.DryRun ? "would record " : "recorded ").Append(equivalent)
                .Append(" as applied (the database applied every script it replaces)\n");
        }

        foreach (var script in result.Scripts)
        {
            text.Append(verb).Append(' ').Append(script);
            text.Append(result.ChangedRepeatables.Contains(script) ? " (new or changed)\n" : "\n");
        }

        foreach (var script in result.RemovedRepeatables)
        {
            text.Append(result.DryRun ? "would drop the object of " : "dropped the object of ").Append(script).Append(" (no longer in this build)\n");
        }

        foreach (var script in result.AppliedButUnknown)
        {
            text.Append("applied but not in this build ").Append(script).Append('\n');
        }

        text.Append("migrate: ").Append(Summary(result));
        return text.ToString();
    }

    /// <summary>One line of what ran (or would), by kind: "1 baseline + 1 versioned + 15 repeatable applied, 0 already applied".</summary>
    public static string Summary(MigrationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var parts = new List<string>();
        if (result.Baseline is not null)
        {
            parts.Add("1 baseline");
        }

        if (result.BaselineByEquivalence is not null)
        {
            parts.Add("baseline recorded");
        }

        parts.Add($"{result.Versioned.Count} versioned");
        parts.Add($"{result.Repeatables.Count} repeatable");
        var done = result.Scripts.Count == 0 && result.BaselineByEquivalence is null && result.RemovedRepeatables.Count == 0
            ? "none pending"
            : $"{string.Join(" + ", parts)} {(result.DryRun ? "pending" : "applied")}";
        return $"{done}, {result.AlreadyApplied} already applied";
    }
}
