using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Functions.Clean;

namespace StudentMetrics.UnitTests.Contracts;

/// <summary>Which contract applies to a raw object is decided by its key: <c>raw/SOURCE/FEED/…</c>, else the default feed.</summary>
public sealed class FeedRoutingTests
{
    [Theory]
    [InlineData("raw/district-7/2025-01.csv")]
    [InlineData("raw/district-7/fall/2025-01.csv")]
    [InlineData("raw/student_metrics.csv")]
    [InlineData("raw/district-7/no_such_feed/x.csv")]
    public void A_key_that_names_no_other_feed_is_the_default_feed(string key) =>
        FeedRouting.ContractFor(key).Dataset.ShouldBe(FeedContracts.DefaultFeed);

    [Fact]
    public void Every_feed_is_chosen_by_its_folder_under_the_source()
    {
        foreach (var feed in FeedContracts.All.Keys)
        {
            FeedRouting.ContractFor($"raw/district-7/{feed}/export.csv").Dataset.ShouldBe(feed);
        }
    }

    [Fact]
    public void A_feed_folder_directly_under_raw_is_a_source_not_a_feed() =>
        FeedRouting.ContractFor("raw/student_metrics/export.csv").Dataset.ShouldBe(FeedContracts.DefaultFeed);
}
