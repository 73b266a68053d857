using StudentMetrics.Database;
using StudentMetrics.Database.Migrations;

namespace StudentMetrics.UnitTests.Database;

public sealed class MigrationPlanTests
{
    private static readonly MigrationScript First = new("0001_base.sql", "CREATE SCHEMA core;");
    private static readonly MigrationScript Second = new("0002_more.sql", "CREATE TABLE core.t (x int);");
    private static readonly MigrationScript Third = new("0003_even_more.sql", "CREATE TABLE core.u (x int);");

    [Fact]
    public void Scripts_not_in_the_journal_are_pending_in_order()
    {
        var plan = MigrationPlan.Create([First, Second, Third], Journal(First));

        plan.Pending.Select(s => s.Name).ShouldBe(["0002_more.sql", "0003_even_more.sql"]);
        plan.AlreadyApplied.ShouldBe(1);
        plan.AppliedButUnknown.ShouldBeEmpty();
    }

    [Fact]
    public void An_applied_script_whose_text_changed_is_refused_by_name()
    {
        var applied = Journal(First, Second);
        var edited = Second with { Contents = Second.Contents + " -- tweak" };

        var error = Should.Throw<AppliedMigrationChangedException>(() => MigrationPlan.Create([First, edited, Third], applied));

        error.ScriptName.ShouldBe("0002_more.sql");
        error.Message.ShouldContain("0002_more.sql");
        error.Message.ShouldContain(applied["0002_more.sql"]);
    }

    [Fact]
    public void Scripts_applied_by_a_newer_build_are_reported_not_refused()
    {
        var plan = MigrationPlan.Create([First], Journal(First, Second));

        plan.Pending.ShouldBeEmpty();
        plan.AppliedButUnknown.ShouldBe(["0002_more.sql"]);
    }

    private static Dictionary<string, string> Journal(params MigrationScript[] applied) =>
        applied.ToDictionary(s => s.Name, s => s.Checksum, StringComparer.Ordinal);
}
