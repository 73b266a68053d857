using StudentMetrics.Database;
using StudentMetrics.Database.Migrations;

namespace StudentMetrics.UnitTests.Database;

public sealed class MigrationPlanTests
{
    private static readonly MigrationScript Old1 = new("0001_base.sql", "CREATE SCHEMA core;");
    private static readonly MigrationScript Old2 = new("0002_more.sql", "CREATE TABLE core.t (x int);");
    private static readonly MigrationScript Baseline = new(
        "B0002_baseline.sql", $"-- replaces: {Old1.Name} {Old1.Checksum}\n-- replaces: {Old2.Name} {Old2.Checksum}\nCREATE SCHEMA core;\nCREATE TABLE core.t (x int);\n");

    private static readonly MigrationScript Next = new("0003_next.sql", "CREATE TABLE core.u (x int);");
    private static readonly MigrationScript ViewA = new("R__core.a.sql", "CREATE VIEW core.a AS SELECT x FROM core.t;");
    private static readonly MigrationScript ViewB = new("R__core.b.sql", "-- requires: core.a\nCREATE VIEW core.b AS SELECT x FROM core.a;");
    private static readonly MigrationCatalogue Build = MigrationCatalogue.Create([Baseline, Next, ViewA, ViewB]);

    [Fact]
    public void A_fresh_database_runs_the_baseline_then_the_versioned_scripts_then_every_repeatable()
    {
        var plan = MigrationPlan.Create(Build, Journal());

        plan.ScriptsToRun.Select(s => s.Name).ShouldBe(["B0002_baseline.sql", "0003_next.sql"]);
        plan.RepeatablesToApply.Select(r => r.Script.Name).ShouldBe(["R__core.a.sql", "R__core.b.sql"]);
        plan.ChangedRepeatables.ShouldBe(["R__core.a.sql", "R__core.b.sql"]);
        plan.BaselineByEquivalence.ShouldBeNull();
        plan.AlreadyApplied.ShouldBe(0);
    }

    [Fact]
    public void A_database_that_applied_every_replaced_script_records_the_baseline_without_running_it()
    {
        var plan = MigrationPlan.Create(Build, Journal(Old1, Old2));

        plan.BaselineByEquivalence.ShouldBe(Baseline);
        plan.ScriptsToRun.Select(s => s.Name).ShouldBe(["0003_next.sql"]);
        plan.RepeatablesToApply.Count.ShouldBe(2);
        plan.AppliedButUnknown.ShouldBeEmpty();
    }

    [Fact]
    public void A_database_that_applied_part_of_the_replaced_scripts_is_refused_naming_what_is_missing()
    {
        var error = Should.Throw<MigrationHistoryException>(() => MigrationPlan.Create(Build, Journal(Old1)));

        error.Message.ShouldContain("1 of the 2");
        error.Message.ShouldContain("0002_more.sql");
        error.Message.ShouldContain("git log --diff-filter=A -- db/migrations/B0002_baseline.sql");
    }

    [Fact]
    public void A_database_that_applied_another_version_of_a_replaced_script_is_refused()
    {
        var journal = Journal(Old1, Old2);
        journal[Old2.Name] = new string('f', 64);

        var error = Should.Throw<MigrationHistoryException>(() => MigrationPlan.Create(Build, journal));

        error.Message.ShouldContain("0002_more.sql");
        error.Message.ShouldContain(Old2.Checksum);
    }

    [Fact]
    public void Nothing_runs_when_the_journal_holds_every_script_as_it_is()
    {
        var plan = MigrationPlan.Create(Build, Journal(Baseline, Next, ViewA, ViewB));

        plan.ScriptsToRun.ShouldBeEmpty();
        plan.RepeatablesToApply.ShouldBeEmpty();
        plan.AlreadyApplied.ShouldBe(4);
    }

    [Fact]
    public void One_edited_repeatable_applies_all_of_them_again_in_order()
    {
        var edited = ViewB with { Contents = ViewB.Contents + " -- a comment" };

        var plan = MigrationPlan.Create(Build, Journal(Baseline, Next, ViewA, edited));

        plan.ScriptsToRun.ShouldBeEmpty();
        plan.RepeatablesToApply.Select(r => r.Script.Name).ShouldBe(["R__core.a.sql", "R__core.b.sql"]);
        plan.ChangedRepeatables.ShouldBe(["R__core.b.sql"]);
        plan.AlreadyApplied.ShouldBe(2);
    }

    [Fact]
    public void A_versioned_script_to_run_applies_the_repeatables_again_after_it()
    {
        var plan = MigrationPlan.Create(Build, Journal(Baseline, ViewA, ViewB));

        plan.ScriptsToRun.Select(s => s.Name).ShouldBe(["0003_next.sql"]);
        plan.RepeatablesToApply.Count.ShouldBe(2);
        plan.ChangedRepeatables.ShouldBeEmpty();
    }

    [Fact]
    public void A_repeatable_no_longer_in_the_build_is_dropped_and_the_others_applied_again()
    {
        var gone = new MigrationScript("R__core.gone.sql", "CREATE VIEW core.gone AS SELECT 1;");

        var plan = MigrationPlan.Create(Build, Journal(Baseline, Next, ViewA, ViewB, gone));

        plan.RemovedRepeatables.ShouldBe(["R__core.gone.sql"]);
        plan.RepeatablesToApply.Count.ShouldBe(2);
        plan.AppliedButUnknown.ShouldBeEmpty();
    }

    [Fact]
    public void A_database_a_newer_build_migrated_keeps_that_builds_repeatables()
    {
        var newer = new MigrationScript("0004_newer.sql", "SELECT 1;");
        var edited = ViewA with { Contents = ViewA.Contents + " -- the newer build's text" };

        var plan = MigrationPlan.Create(Build, Journal(Baseline, Next, edited, ViewB, newer));

        plan.RepeatablesLeftToNewerBuild.ShouldBeTrue();
        plan.RepeatablesToApply.ShouldBeEmpty();
        plan.AppliedButUnknown.ShouldBe(["0004_newer.sql"]);
    }

    [Fact]
    public void A_database_created_from_a_newer_baseline_is_refused() =>
        Should.Throw<MigrationHistoryException>(() => MigrationPlan.Create(Build, Journal(new MigrationScript("B0009_newer.sql", ""))))
            .Message.ShouldContain("B0009_newer.sql");

    [Theory]
    [InlineData("B0002_baseline.sql")]
    [InlineData("0003_next.sql")]
    public void An_applied_versioned_script_or_baseline_whose_text_changed_is_refused_by_name(string name)
    {
        var applied = Journal(Baseline, Next);
        applied[name] = new string('0', 64);

        var error = Should.Throw<AppliedMigrationChangedException>(() => MigrationPlan.Create(Build, applied));

        error.ScriptName.ShouldBe(name);
        error.Message.ShouldContain(new string('0', 64));
    }

    private static Dictionary<string, string> Journal(params MigrationScript[] applied) =>
        applied.ToDictionary(s => s.Name, s => s.Checksum, StringComparer.Ordinal);
}
