using StudentMetrics.Database.Migrations;

namespace StudentMetrics.UnitTests.Database;

public sealed class EmbeddedMigrationsTests
{
    [Fact]
    public void The_build_carries_every_file_of_db_migrations_in_name_order_with_its_text()
    {
        var directory = Path.Combine(Repository(), "db", "migrations");
        var files = Directory.GetFiles(directory, "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        var embedded = EmbeddedMigrations.Load();

        embedded.Select(s => s.Name).ShouldBe(files);
        embedded.Select(s => s.Checksum).ShouldBe(files.Select(f => ScriptChecksum.Compute(File.ReadAllText(Path.Combine(directory, f!)))));
    }

    [Theory]
    [InlineData("1_base.sql")]
    [InlineData("0001-base.sql")]
    [InlineData("0001_Base.sql")]
    [InlineData("0001_base.SQL")]
    public void A_badly_named_script_is_refused(string name) =>
        Should.Throw<InvalidOperationException>(() => EmbeddedMigrations.Ordered([new MigrationScript(name, "SELECT 1;")]))
            .Message.ShouldContain(name);

    [Fact]
    public void Two_scripts_with_one_number_are_refused()
    {
        var error = Should.Throw<InvalidOperationException>(() => EmbeddedMigrations.Ordered(
            [new MigrationScript("0007_one.sql", "SELECT 1;"), new MigrationScript("0007_other.sql", "SELECT 2;")]));

        error.Message.ShouldContain("0007_one.sql");
        error.Message.ShouldContain("0007_other.sql");
    }

    [Fact]
    public void Scripts_are_ordered_by_number_whatever_order_they_come_in() =>
        EmbeddedMigrations.Ordered([new MigrationScript("0010_b.sql", ""), new MigrationScript("0002_a.sql", ""), new MigrationScript("0040_c.sql", "")])
            .Select(s => s.Name).ShouldBe(["0002_a.sql", "0010_b.sql", "0040_c.sql"]);

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
