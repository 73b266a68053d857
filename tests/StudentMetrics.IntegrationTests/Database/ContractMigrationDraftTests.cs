using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Cli.Contracts;
using StudentMetrics.Database;
using StudentMetrics.Database.Schema;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// The migration draft `student-metrics contracts migration` writes for a new feed creates exactly what the contract
/// check expects, and a file of the feed loads through it: a keyed feed (like student_metrics) and one without a key.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ContractMigrationDraftTests(LocalStack stack)
{
    [Fact]
    public async Task A_keyed_feeds_draft_agrees_with_the_contract_check()
    {
        var contract = FeedContracts.Default with { Dataset = "drill", Table = "core.drill", FileName = "drill.v1.json" };
        await using var db = await MigratedDatabase.CreateAsync(stack, "draft_keyed");

        await db.ExecuteAsync(ContractMigrationSql.For(contract));

        (await CheckAsync(db, contract)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_draft_for_a_feed_without_a_key_agrees_with_the_check_and_loads_a_file()
    {
        var contract = FeedContracts.Parse("survey.v1.json", """
            { "feed": "survey", "version": "1.0", "table": "core.survey", "duplicates": "identical_rows", "school": "school", "null_tokens": [""],
              "columns": [
                { "name": "school", "type": "code", "storage": "text", "required": true, "max_length": 10 },
                { "name": "answer", "type": "text", "storage": "text", "required": true, "values": ["yes", "no"] },
                { "name": "score", "type": "integer", "storage": "smallint", "min": 0, "max": 20 } ] }
            """);
        await using var db = await MigratedDatabase.CreateAsync(stack, "draft_unkeyed");

        await db.ExecuteAsync(ContractMigrationSql.For(contract));

        (await CheckAsync(db, contract)).ShouldBeEmpty();
        var loader = new CleanFileLoader(await db.ConnectAsMemberOfAsync("student_metrics_loader"));
        var csv = "school,answer,score,source_row\nGP,yes,12,1\nGP,no,,2\n"u8.ToArray();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(csv));
        var result = await loader.LoadAsync(new MemoryStream(csv), new LoadSource("raw/gp/survey/answers.csv", sha) { Contract = contract }, CancellationToken.None);
        result.Inserted.ShouldBe(2);
        (await db.ScalarAsync<long>("SELECT count(*) FROM core.survey WHERE answer = 'no' AND score IS NULL")).ShouldBe(1);
    }

    private static async Task<IReadOnlyList<string>> CheckAsync(MigratedDatabase db, FeedContract contract)
    {
        await using var connection = await db.Owner.OpenConnectionAsync();
        return await ContractSchemaCheck.CheckAsync(connection, [contract], CancellationToken.None);
    }
}
