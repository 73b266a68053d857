using System.Text;
using StudentMetrics.Cleaning;
using StudentMetrics.Cleaning.Contract;

namespace StudentMetrics.UnitTests.Cleaning;

public sealed class SchoolIdScanTests
{
    [Fact]
    public void A_file_quarantined_for_a_missing_column_still_names_its_schools_once_each_as_the_contract_stores_them()
    {
        // No days_enrolled: the cleaner quarantines this at the header; the school column (under an alias) is there.
        var file = Raw("student id,School,grade level,term\nS1, sch-a ,5,2024-2025-S1\nS2,SCH-B,5,2024-2025-S1\n\nS3,sch-a,6,2024-2025-S1\nS4,,6,2024-2025-S1\n");

        new FeedCleaner(new CleanerOptions()).Clean(file, Stream.Null, Stream.Null).Status.ShouldBe(FileStatus.Quarantined);
        SchoolIdScan.Read(file, FeedContracts.Default).ShouldBe(["SCH-A", "SCH-B"]);
    }

    [Fact]
    public void A_header_without_the_school_column_or_a_feed_without_schools_names_none()
    {
        SchoolIdScan.Read(Raw("student_id,term\nS1,2024-2025-S1\n"), FeedContracts.Default).ShouldBeEmpty();
        SchoolIdScan.Read(Raw("gender,math score\nfemale,70\n"), FeedContracts.Get("kaggle_exam_scores")).ShouldBeEmpty();
    }

    [Fact]
    public void A_byte_order_mark_and_semicolons_do_not_hide_the_column()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("school_id;student_id\nX1;S1\n")).ToArray();

        SchoolIdScan.Read(new InMemoryRawFile(bytes), FeedContracts.Default).ShouldBe(["X1"]);
    }

    private static InMemoryRawFile Raw(string text) => new(Encoding.UTF8.GetBytes(text));
}
