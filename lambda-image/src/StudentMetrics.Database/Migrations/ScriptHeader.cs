namespace StudentMetrics.Database.Migrations;

/// <summary>
/// Values a script declares for the migrator in its leading comment block, one per line: <c>-- key: value</c>.
/// Only the comments before the first statement count, so SQL further down can never be mistaken for a header.
/// </summary>
internal static class ScriptHeader
{
    public static IReadOnlyList<string> Values(MigrationScript script, string key)
    {
        var prefix = "-- " + key + ":";
        var values = new List<string>();
        foreach (var raw in script.Contents.TrimStart('\uFEFF').Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && !line.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                values.Add(line[prefix.Length..].Trim());
            }
        }

        return values;
    }
}
