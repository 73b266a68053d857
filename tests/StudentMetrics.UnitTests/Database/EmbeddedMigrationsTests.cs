using StudentMetrics.Database.Migrations;

namespace StudentMetrics.UnitTests.Database;

public sealed class EmbeddedMigrationsTests
{
    [Fact]
    public void The_build_carries_every_file_of_db_migrations_with_its_text()
    {
        var directory = Path.Combine(Repository(), "db", "migrations");
        var files = Directory.GetFiles(directory, "*.sql").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();

        var embedded = EmbeddedMigrations.Load().All.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

        embedded.Select(s => s.Name).ShouldBe(files);
        embedded.Select(s => s.Checksum).ShouldBe(files.Select(f => ScriptChecksum.Compute(File.ReadAllText(Path.Combine(directory, f)))));
    }

    // The baseline stands for exactly the scripts production databases applied: the history kept beside the tests.
    [Fact]
    public void The_baseline_replaces_exactly_the_kept_history_with_the_checksums_it_was_applied_with()
    {
        var history = Path.Combine(Repository(), "tests", "fixtures", "migration-history");
        var applied = Directory.GetFiles(history, "*.sql")
            .ToDictionary(f => Path.GetFileName(f)!, f => ScriptChecksum.Compute(File.ReadAllText(f)), StringComparer.Ordinal);

        var baseline = EmbeddedMigrations.Load().Baseline!;

        baseline.Replaces.OrderBy(r => r.Key, StringComparer.Ordinal).ShouldBe(applied.OrderBy(r => r.Key, StringComparer.Ordinal));
        baseline.Version.ShouldBe(applied.Keys.Max(name => int.Parse(name[..4], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Every_view_and_function_lives_in_its_own_repeatable_script()
    {
        var catalogue = EmbeddedMigrations.Load();
        var onceOnly = catalogue.Versioned.Select(v => v.Script).Prepend(catalogue.Baseline!.Script);

        foreach (var script in onceOnly)
        {
            script.Contents.ShouldNotContain("CREATE VIEW", Case.Insensitive, script.Name);
            script.Contents.ShouldNotContain("CREATE FUNCTION", Case.Insensitive, script.Name);
            script.Contents.ShouldNotContain("CREATE OR REPLACE", Case.Insensitive, script.Name);
        }

        foreach (var repeatable in catalogue.Repeatables)
        {
            repeatable.Script.Contents.ShouldMatch($@"CREATE (VIEW|FUNCTION) {repeatable.ObjectName.Replace(".", @"\.", StringComparison.Ordinal)}\b");
        }
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "StudentMetrics.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("StudentMetrics.sln not found");
    }
}
