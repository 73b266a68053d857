using System.Text;

namespace StudentMetrics.Database.Migrations;

/// <summary>
/// The migrations compiled into this assembly from db/migrations (resources named <c>migrations/NAME.sql</c>).
/// Read with GetManifestResourceStream, which native AOT keeps; DbUp's assembly scanning is not used.
/// </summary>
internal static class EmbeddedMigrations
{
    private const string Prefix = "migrations/";

    /// <summary>The raw scripts, in no particular order.</summary>
    public static IReadOnlyList<MigrationScript> Scripts()
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

        return scripts;
    }

    /// <summary>The scripts, checked and ordered.</summary>
    public static MigrationCatalogue Load() => MigrationCatalogue.Create(Scripts());
}
