using StudentMetrics.Cli.Commands;
using StudentMetrics.Database;

namespace StudentMetrics.UnitTests.Cli;

/// <summary>What <c>load</c> and <c>migrate</c> print.</summary>
public sealed class CommandReportTests
{
    [Fact]
    public void The_report_says_what_the_merge_did_with_every_row()
    {
        var text = LoadReport.Format("raw/a.csv", new LoadResult(LoadOutcome.Loaded, 7, RowsInFile: 10, Inserted: 6, Replaced: 2, Removed: 1, KeptNewer: 2));

        text.ShouldContain("10 rows");
        text.ShouldContain("6 inserted");
        text.ShouldContain("2 replaced");
        text.ShouldContain("1 removed");
        text.ShouldContain("2 kept");
    }

    [Fact]
    public void A_skipped_file_says_its_content_is_already_current() =>
        LoadReport.Format("raw/a.csv", new LoadResult(LoadOutcome.SkippedAlreadyLoaded, 8, 0, 0, 0, 0, 0))
            .ShouldBe("load: raw/a.csv: skipped, this content is already the key's current content (ledger 8)");

    [Fact]
    public void A_stale_version_says_a_newer_one_is_loaded() =>
        LoadReport.Format("raw/a.csv", new LoadResult(LoadOutcome.SkippedStale, 9, 0, 0, 0, 0, 0))
            .ShouldContain("a newer version of the key is loaded");

    [Fact]
    public void A_dry_run_lists_each_pending_script_on_its_own_line_and_says_which_repeatables_changed() =>
        MigrationReport.Format(new MigrationResult
        {
            DryRun = true,
            Versioned = ["0045_a.sql"],
            Repeatables = ["R__core.a.sql", "R__core.b.sql"],
            ChangedRepeatables = ["R__core.b.sql"],
            AlreadyApplied = 7,
        }).Split('\n').ShouldBe(
        [
            "would apply 0045_a.sql",
            "would apply R__core.a.sql",
            "would apply R__core.b.sql (new or changed)",
            "migrate: 1 versioned + 2 repeatable pending, 7 already applied",
        ]);

    [Fact]
    public void A_fresh_database_is_counted_by_kind_of_script() =>
        MigrationReport.Summary(new MigrationResult { DryRun = false, Baseline = "B0043_baseline.sql", Repeatables = ["R__core.a.sql"] })
            .ShouldBe("1 baseline + 0 versioned + 1 repeatable applied, 0 already applied");

    [Fact]
    public void An_upgraded_database_says_its_baseline_was_recorded()
    {
        var result = new MigrationResult { DryRun = false, BaselineByEquivalence = "B0043_baseline.sql", Versioned = ["0044_a.sql"], Repeatables = ["R__core.a.sql"] };

        MigrationReport.Format(result).ShouldStartWith("recorded B0043_baseline.sql as applied");
        MigrationReport.Summary(result).ShouldBe("baseline recorded + 1 versioned + 1 repeatable applied, 0 already applied");
    }

    [Fact]
    public void A_run_with_nothing_to_do_says_so() =>
        MigrationReport.Summary(new MigrationResult { DryRun = false, AlreadyApplied = 18 }).ShouldBe("none pending, 18 already applied");
}
