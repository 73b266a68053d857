using System.Diagnostics;
using System.Text.Json;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// The Glue job cannot run here, but what it writes can be checked: for every contract file, the columns and Spark
/// types the job derives from it (its own code, run by python3) must be the feed's staging table in a migrated
/// database, column for column and type for type. The job writes by column name, so the order is not compared.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class GlueJobTests(LocalStack stack) : IAsyncLifetime
{
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync(stack, "glue");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public static TheoryData<string> Feeds() => [.. FeedContracts.All.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task The_columns_the_glue_job_writes_are_exactly_the_feeds_staging_table(string feed)
    {
        var contractFile = Path.Combine(stack.Repository, "contracts", FeedContracts.Get(feed).FileName);
        var written = await GlueJobColumnsAsync(contractFile);

        var stagingTable = FeedContracts.Get(feed).Table + "_staging";
        var table = await _database.ScalarAsync<string>(
            $"""
            SELECT string_agg(column_name || ' ' || CASE data_type
                     WHEN 'text' THEN 'string' WHEN 'smallint' THEN 'short' WHEN 'integer' THEN 'int'
                     WHEN 'bigint' THEN 'long' WHEN 'date' THEN 'date'
                     WHEN 'numeric' THEN format('decimal(%s,%s)', numeric_precision, numeric_scale)
                     ELSE data_type END, ',' ORDER BY column_name)
            FROM information_schema.columns
            WHERE table_schema || '.' || table_name = '{stagingTable}'
            """);

        written.ShouldNotBeEmpty();
        string.Join(',', written.Order(StringComparer.Ordinal)).ShouldBe(table, $"glue/student_metrics_load.py staging_columns({contractFile}) against {stagingTable}");
    }

    private async Task<IReadOnlyList<string>> GlueJobColumnsAsync(string contractFile)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.Combine(stack.Repository, "glue") };
        foreach (var argument in new[] { "-B", "-c", "import json, sys, student_metrics_load as job; print(json.dumps([n + ' ' + t for n, t in job.staging_columns(json.load(open(sys.argv[1], encoding='utf-8')))]))", contractFile })
            start.ArgumentList.Add(argument);
        using var python = Process.Start(start)!;
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        python.ExitCode.ShouldBe(0, error);
        return JsonSerializer.Deserialize<List<string>>(output)!;
    }
}
