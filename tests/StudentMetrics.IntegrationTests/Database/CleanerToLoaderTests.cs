using StudentMetrics.Cleaning;
using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>The loader takes exactly what the cleaner writes: the bundled sample, cleaned, then loaded.</summary>
[Collection(StackCollection.Name)]
public sealed class CleanerToLoaderTests(LocalStack stack) : IAsyncLifetime
{
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync() => _database = await MigratedDatabase.CreateAsync(stack, "cleaned");

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Every_clean_row_of_the_sample_is_stored_with_its_raw_key_hash_and_row()
    {
        using var clean = new MemoryStream();
        using var rejects = new MemoryStream();
        var report = new FeedCleaner(new CleanerOptions())
            .Clean(new LocalRawFile(Path.Combine(stack.Repository, "samples", "student_metrics_sample.csv")), clean, rejects);
        clean.Position = 0;
        var loader = new CleanFileLoader(await _database.ConnectAsMemberOfAsync("student_metrics_loader"));

        var result = await loader.LoadAsync(clean, new LoadSource("raw/sample/student_metrics_sample.csv", report.Source.Sha256), CancellationToken.None);

        report.RowsClean.ShouldBeGreaterThan(0);
        result.RowsInFile.ShouldBe(report.RowsClean);
        result.Inserted.ShouldBe(report.RowsClean);
        (await _database.ScalarAsync<long>(
            $"SELECT count(*) FROM core.student_metrics WHERE source_key = 'raw/sample/student_metrics_sample.csv' AND source_sha256 = '{report.Source.Sha256}'"))
            .ShouldBe(report.RowsClean);
        (await _database.ScalarAsync<long>("SELECT count(DISTINCT source_row) FROM core.student_metrics")).ShouldBe(report.RowsClean);
    }
}
