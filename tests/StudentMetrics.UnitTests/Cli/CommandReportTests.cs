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
    public void A_skipped_file_is_reported_as_already_loaded() =>
        LoadReport.Format("raw/a.csv", new LoadResult(LoadOutcome.SkippedAlreadyLoaded, 8, 0, 0, 0, 0, 0)).ShouldContain("already loaded");

    [Fact]
    public void A_dry_run_lists_each_pending_script_on_its_own_line() =>
        MigrationReport.Format(new MigrationResult(true, ["0008_a.sql", "0009_b.sql"], 7, []))
            .Split('\n').ShouldBe(["would apply 0008_a.sql", "would apply 0009_b.sql", "migrate: 2 pending, 7 already applied"]);
}
