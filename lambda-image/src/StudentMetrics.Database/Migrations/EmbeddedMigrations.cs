using System.Text;
using System.Text.RegularExpressions;

namespace StudentMetrics.Database.Migrations;

/// <summary>
/// The migrations compiled into this assembly from db/migrations (resources named <c>migrations/NAME.sql</c>).
/// Read with GetManifestResourceStream, which native AOT keeps; DbUp's assembly scanning is not used.
/// </summary>
internal static partial class EmbeddedMigrations
{
    private const string Prefix = "migrations/";

    public static IReadOnlyList<MigrationScript> Load()
    {
        var assembly = typeof(EmbeddedMigrations).Assembly;
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            scripts.Add(new MigrationScript(resource[Prefix.Length..], reader.ReadToEnd()));
        }

        return Ordered(scripts);
    }

    /// <summary>Checks every name is <c>NNNN_words.sql</c> and unique by number, and orders them by it.</summary>
    public static IReadOnlyList<MigrationScript> Ordered(IEnumerable<MigrationScript> scripts)
    {
        var list = scripts.ToList();
        var badName = list.FirstOrDefault(s => !NamePattern().IsMatch(s.Name));
        if (badName is not null)
        {
            throw new InvalidOperationException($"Migration '{badName.Name}' is not named NNNN_description.sql (four digits, lower-case words).");
        }

        var clash = list.GroupBy(s => s.Name[..4], StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new InvalidOperationException($"Migrations {string.Join(" and ", clash.Select(s => s.Name))} share the number {clash.Key}; each number is used once.");
        }

        return list.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    [GeneratedRegex(@"^\d{4}_[a-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
