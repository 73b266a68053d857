using StudentMetrics.IntegrationTests.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Functions;

/// <summary>
/// The tenancy defect, step by step through the clean function and the loader: school B's file carries school
/// A's students, first as B's own (a legitimate move, the later recorded_on wins) and as A's (not B's to send); B's next
/// versions drop them and then are not an export at all; A uploads its identical export again. A's rows survive all of it.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SchoolIsolationTests(LocalStack stack)
{
    private const string Header = "student_id,school_id,grade_level,term,days_enrolled,recorded_on";
    private const string SchoolA = "raw/school-a/2025.csv";
    private const string SchoolB = "raw/school-b/2025.csv";
    private const string ExportOfA = Header + "\nS1,SCH-A,5,2024-2025-S1,90,2025-01-10\nS2,SCH-A,5,2024-2025-S1,90,2025-01-10\n";

    [Fact]
    public async Task Nothing_school_B_uploads_removes_school_As_rows_for_good()
    {
        await using var bucket = await FeedBucket.CreateAsync(stack, "tenancy", ("school-a", ["SCH-A"]), ("school-b", ["SCH-B"]));
        await using var database = await MigratedDatabase.CreateAsync(stack, "tenancy");
        var loads = await CleanOutputLoads.IntoAsync(bucket, database);
        await UploadAndLoadAsync(bucket, loads, SchoolA, ExportOfA);
        var asAUploadedIt = await database.RowsWithoutLoadTimeAsync("student_metrics");

        await UploadAndLoadAsync(bucket, loads, SchoolB, Header + "\nS1,SCH-B,5,2024-2025-S1,90,2025-02-01\nS2,SCH-A,5,2024-2025-S1,90,2025-02-01\nT1,SCH-B,5,2024-2025-S1,90,2025-02-01\n");
        var withB = await database.RowsAsync();
        await UploadAndLoadAsync(bucket, loads, SchoolB, Header + "\nT1,SCH-B,5,2024-2025-S1,90,2025-02-01\n");
        var afterBDroppedS1 = await database.RowsAsync();
        await UploadAndLoadAsync(bucket, loads, SchoolB, "name,colour\nAda,green\n");
        await UploadAndLoadAsync(bucket, loads, SchoolA, ExportOfA);

        withB["S1/2024-2025-S1"].SourceKey.ShouldBe(SchoolB, "S1 moved to school B, which B may send: the later recorded_on wins");
        withB["S2/2024-2025-S1"].SourceKey.ShouldBe(SchoolA, "B may not send school A's rows: that one is rejected");
        afterBDroppedS1["S1/2024-2025-S1"].SourceKey.ShouldBe(SchoolA, "B's next version no longer holds S1: A's row is stored again");
        (await database.RowsWithoutLoadTimeAsync("student_metrics")).ShouldBe(asAUploadedIt, "B's current version is not an export: only A's rows, as A uploaded them");
    }

    /// <summary>Uploads a version, settles the key as its event would, and runs a load of every output, as the Glue job would.</summary>
    private static async Task UploadAndLoadAsync(FeedBucket bucket, CleanOutputLoads loads, string key, string content)
    {
        await bucket.PutAsync(key, content);
        await bucket.SettleAsync(key);
        await loads.LoadEveryOutputAsync(keys => keys);
    }
}
