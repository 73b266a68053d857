using System.Text.RegularExpressions;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

[Collection(StackCollection.Name)]
public sealed partial class GlueJobTests(LocalStack stack) : IAsyncLifetime
{
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync(stack, "glue");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_columns_the_glue_job_writes_are_exactly_the_staging_tables_columns_in_order()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(stack.Repository, "glue", "student_metrics_load.py"));
        var block = StagingColumnsBlock().Match(script);
        block.Success.ShouldBeTrue("glue/student_metrics_load.py must declare STAGING_COLUMNS = ( ... )");
        var written = ColumnName().Matches(block.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();

        var table = await _database.ScalarAsync<string>(
            """
            SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM information_schema.columns
            WHERE table_schema = 'core' AND table_name = 'student_metrics_staging'
            """);

        written.ShouldNotBeEmpty();
        string.Join(',', written).ShouldBe(table);
    }

    [GeneratedRegex(@"^STAGING_COLUMNS = \((.*?)^\)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex StagingColumnsBlock();

    [GeneratedRegex(@"\(""([a-z0-9_]+)"",\s*""[^""]+""\)")]
    private static partial Regex ColumnName();
}
