using StudentMetrics.Database.Migrations;

namespace StudentMetrics.UnitTests.Database;

public sealed class MigrationCatalogueTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("1_base.sql")]
    [InlineData("0001-base.sql")]
    [InlineData("0001_Base.sql")]
    [InlineData("0001_base.SQL")]
    [InlineData("B43_baseline.sql")]
    [InlineData("b0043_baseline.sql")]
    [InlineData("R__merge_staged.sql")]
    [InlineData("R_core.merge_staged.sql")]
    [InlineData("R__core.Merge_staged.sql")]
    [InlineData("R__core.merge_staged.extra.sql")]
    [InlineData("V0001__base.sql")]
    public void A_badly_named_script_is_refused(string name) =>
        Should.Throw<InvalidOperationException>(() => MigrationCatalogue.Create([new MigrationScript(name, "SELECT 1;")]))
            .Message.ShouldContain(name);

    [Fact]
    public void Two_versioned_scripts_with_one_number_are_refused()
    {
        var error = Should.Throw<InvalidOperationException>(() => MigrationCatalogue.Create(
            [new MigrationScript("0007_one.sql", "SELECT 1;"), new MigrationScript("0007_other.sql", "SELECT 2;")]));

        error.Message.ShouldContain("0007_one.sql");
        error.Message.ShouldContain("0007_other.sql");
    }

    [Fact]
    public void A_build_runs_its_baseline_then_its_versioned_scripts_by_number_then_its_repeatables()
    {
        var catalogue = MigrationCatalogue.Create(
        [
            Repeatable("core.b"), new MigrationScript("0012_b.sql", ""), Baseline("B0010_base.sql", "0001_a.sql"),
            new MigrationScript("0011_a.sql", ""), Repeatable("core.a"),
        ]);

        catalogue.All.Select(s => s.Name).ShouldBe(["B0010_base.sql", "0011_a.sql", "0012_b.sql", "R__core.a.sql", "R__core.b.sql"]);
        catalogue.Baseline!.Version.ShouldBe(10);
        catalogue.Baseline.Replaces.ShouldBe(new Dictionary<string, string> { ["0001_a.sql"] = Sha });
    }

    [Fact]
    public void A_versioned_script_at_or_below_the_baseline_is_refused()
    {
        var error = Should.Throw<InvalidOperationException>(() => MigrationCatalogue.Create(
            [Baseline("B0010_base.sql", "0001_a.sql"), new MigrationScript("0010_late.sql", "")]));

        error.Message.ShouldContain("0010_late.sql");
        error.Message.ShouldContain("B0010_base.sql");
    }

    [Fact]
    public void A_build_carries_one_baseline() =>
        Should.Throw<InvalidOperationException>(() => MigrationCatalogue.Create(
            [Baseline("B0010_base.sql", "0001_a.sql"), Baseline("B0020_later.sql", "0001_a.sql")]))
            .Message.ShouldContain("B0020_later.sql");

    [Theory]
    [InlineData("-- replaces: 0001_a.sql")]
    [InlineData("-- replaces: 0001_a.sql 0123")]
    [InlineData("-- replaces: 0011_above_the_baseline.sql " + Sha)]
    [InlineData("-- replaces: R__core.x.sql " + Sha)]
    [InlineData("-- replaces: 0001_a.sql " + Sha + "\n-- replaces: 0001_a.sql " + Sha)]
    [InlineData("-- no replaces line at all")]
    public void A_baseline_must_name_each_script_it_replaces_with_its_checksum(string header) =>
        Should.Throw<InvalidOperationException>(() => MigrationCatalogue.Create([new MigrationScript("B0010_base.sql", header + "\nCREATE SCHEMA s;")]))
            .Message.ShouldContain("B0010_base.sql");

    [Fact]
    public void Only_the_leading_comments_are_a_header()
    {
        var script = new MigrationScript("B0010_base.sql", $"-- replaces: 0001_a.sql {Sha}\n\nCREATE SCHEMA s;\n-- replaces: 0002_b.sql {Sha}\n");

        MigrationCatalogue.Create([script]).Baseline!.Replaces.Keys.ShouldBe(["0001_a.sql"]);
    }

    [Fact]
    public void Repeatables_run_in_name_order_except_after_what_they_require()
    {
        var catalogue = MigrationCatalogue.Create(
        [
            Repeatable("reporting.a_view", requires: "reporting_internal.z_base, reporting_internal.m_middle"),
            Repeatable("reporting_internal.m_middle", requires: "reporting_internal.z_base"),
            Repeatable("reporting_internal.z_base"),
            Repeatable("core.f"),
        ]);

        catalogue.Repeatables.Select(r => r.ObjectName)
            .ShouldBe(["core.f", "reporting_internal.z_base", "reporting_internal.m_middle", "reporting.a_view"]);
    }

    [Fact]
    public void A_repeatable_requiring_an_object_no_script_defines_is_refused() =>
        Should.Throw<InvalidOperationException>(() => MigrationCatalogue.Create([Repeatable("reporting.v", requires: "reporting.missing")]))
            .Message.ShouldContain("reporting.missing");

    [Fact]
    public void Requirements_that_form_a_cycle_are_refused()
    {
        var error = Should.Throw<InvalidOperationException>(() => MigrationCatalogue.Create(
            [Repeatable("core.a", requires: "core.b"), Repeatable("core.b", requires: "core.a"), Repeatable("core.c")]));

        error.Message.ShouldContain("R__core.a.sql");
        error.Message.ShouldContain("R__core.b.sql");
        error.Message.ShouldNotContain("R__core.c.sql");
    }

    private static MigrationScript Baseline(string name, string replaces) => new(name, $"-- replaces: {replaces} {Sha}\nCREATE SCHEMA s;\n");

    private static MigrationScript Repeatable(string objectName, string? requires = null) =>
        new($"R__{objectName}.sql", (requires is null ? "" : $"-- requires: {requires}\n") + $"CREATE VIEW {objectName} AS SELECT 1 AS x;\n");
}
