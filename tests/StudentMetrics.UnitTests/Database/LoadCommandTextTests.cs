using StudentMetrics.Cli.Commands;
using StudentMetrics.Database;

namespace StudentMetrics.UnitTests.Database;

public sealed class LoadCommandTextTests
{
    [Theory]
    [InlineData("clean.csv", "--key", "raw/a.csv")]
    [InlineData("--key", "raw/a.csv", "clean.csv")]
    public void The_file_and_key_are_read_in_any_order(params string[] args) =>
        LoadArguments.Parse(args).ShouldBe(new LoadArguments("clean.csv", "raw/a.csv", null));

    [Fact]
    public void A_content_hash_may_be_given() =>
        LoadArguments.Parse(["clean.csv", "--key", "raw/a.csv", "--sha256", "ab"]).ShouldBe(new LoadArguments("clean.csv", "raw/a.csv", "ab"));

    [Theory]
    [InlineData("clean.csv")]
    [InlineData("clean.csv", "--key")]
    [InlineData("clean.csv", "other.csv", "--key", "raw/a.csv")]
    [InlineData("clean.csv", "--key", "raw/a.csv", "--verbose")]
    public void Arguments_that_do_not_fit_the_usage_are_refused(params string[] args) =>
        LoadArguments.Parse(args).ShouldBeNull();

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
