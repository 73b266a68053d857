using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// The feed spec's "Loading and idempotency", through the loader connected as the loader role, on a fresh database and
/// on one upgraded from the versioned history (the two must behave alike).
/// </summary>
public abstract class LoaderTests(LocalStack stack, DatabaseOrigin origin) : IAsyncLifetime
{
    private const string Fall = "2024-2025-S1";
    private MigratedDatabase _database = null!;
    private CleanFileLoader _loader = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync(stack, "loader", origin);
        _loader = new CleanFileLoader(await _database.ConnectAsMemberOfAsync("student_metrics_loader"));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Loading_the_same_file_twice_leaves_the_table_unchanged()
    {
        var file = new CleanFile(new CleanRow("S1", Fall, "2025-01-10"), new CleanRow("S2", Fall, "2025-01-10", MathScore: null));
        var first = await file.LoadAsync(_loader, "raw/district/2025-01.csv");
        var before = await _database.SnapshotAsync();

        var second = await file.LoadAsync(_loader, "raw/district/2025-01.csv");

        first.Outcome.ShouldBe(LoadOutcome.Loaded);
        first.Inserted.ShouldBe(2);
        second.Outcome.ShouldBe(LoadOutcome.SkippedAlreadyLoaded);
        (second.Inserted + second.Replaced + second.Removed).ShouldBe(0);
        (await _database.SnapshotAsync()).ShouldBe(before);
        (await _database.ScalarAsync<string>("SELECT string_agg(status, ',' ORDER BY ledger_id) FROM core.ingestion_ledger"))
            .ShouldBe("loaded,skipped_duplicate");
    }

    [Fact]
    public async Task The_same_content_under_its_own_key_again_changes_nothing()
    {
        var file = new CleanFile(new CleanRow("S1", Fall, "2025-01-10"));
        await file.LoadAsync(_loader, "raw/a.csv");
        var before = await _database.SnapshotAsync();

        var again = await file.LoadAsync(_loader, "raw/a.csv");

        again.Outcome.ShouldBe(LoadOutcome.SkippedAlreadyLoaded);
        (await _database.SnapshotAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task The_same_content_under_another_key_is_another_current_file_and_the_later_upload_wins_the_tie()
    {
        var file = new CleanFile(new CleanRow("S1", Fall, "2025-01-10"));
        await file.LoadAsync(_loader, "raw/a.csv");

        var copy = await file.LoadAsync(_loader, "raw/copy-of-a.csv");

        copy.Outcome.ShouldBe(LoadOutcome.Loaded);
        (copy.Replaced, copy.KeptNewer).ShouldBe((1L, 0L), "same recorded_on: the later upload wins");
        (await _database.RowsAsync())[$"S1/{Fall}"].SourceKey.ShouldBe("raw/copy-of-a.csv");
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics_displaced WHERE source_key = 'raw/a.csv'")).ShouldBe(1, "the first file's row waits aside");
    }

    [Fact]
    public async Task A_new_version_of_a_key_replaces_exactly_the_rows_that_key_contributed()
    {
        var v1 = new CleanFile(new CleanRow("S1", Fall, "2025-01-10", 50m), new CleanRow("S2", Fall, "2025-01-10"), new CleanRow("S3", Fall, "2025-01-10"));
        var other = new CleanFile(new CleanRow("T1", Fall, "2025-01-10"), new CleanRow("T2", Fall, "2025-01-10"));
        await v1.LoadAsync(_loader, "raw/school-a.csv");
        await other.LoadAsync(_loader, "raw/school-b.csv");
        var otherBefore = (await _database.SnapshotAsync()).Where(r => r.Contains("raw/school-b.csv", StringComparison.Ordinal)).ToList();

        // The school corrects S1 (even to an older recorded_on), drops S2 and S3, adds S4.
        var v2 = new CleanFile(new CleanRow("S1", Fall, "2025-01-05", 55m), new CleanRow("S4", Fall, "2025-01-10"));
        var result = await v2.LoadAsync(_loader, "raw/school-a.csv");

        (result with { StagingTime = TimeSpan.Zero, MergeTime = TimeSpan.Zero }).ShouldBe(new LoadResult(LoadOutcome.Loaded, result.LedgerId, RowsInFile: 2, Inserted: 1, Replaced: 1, Removed: 2, KeptNewer: 0));
        var rows = await _database.RowsAsync();
        rows.Where(r => r.Value.SourceKey == "raw/school-a.csv").Select(r => r.Key).Order().ShouldBe([$"S1/{Fall}", $"S4/{Fall}"]);
        rows[$"S1/{Fall}"].ShouldBe(new StoredRow("raw/school-a.csv", v2.Sha256, 1, new DateOnly(2025, 1, 5), 55m));
        rows[$"S4/{Fall}"].SourceSha256.ShouldBe(v2.Sha256);
        (await _database.SnapshotAsync()).Where(r => r.Contains("raw/school-b.csv", StringComparison.Ordinal)).ShouldBe(otherBefore);
    }

    [Fact]
    public async Task Across_files_the_later_recorded_on_wins_and_on_a_tie_the_later_load()
    {
        var first = new CleanFile(
            new CleanRow("S1", Fall, "2025-03-01", 10m),
            new CleanRow("S2", Fall, "2025-03-01", 20m),
            new CleanRow("S3", Fall, "2025-03-01", 30m));
        await first.LoadAsync(_loader, "raw/export-monday.csv");

        var second = new CleanFile(
            new CleanRow("S1", Fall, "2025-02-01", 11m),   // older: the stored row stays
            new CleanRow("S2", Fall, "2025-04-01", 21m),   // newer: replaces
            new CleanRow("S3", Fall, "2025-03-01", 31m),   // same day: the later load wins
            new CleanRow("S4", Fall, "2025-03-01", 41m));  // new
        var result = await second.LoadAsync(_loader, "raw/export-tuesday.csv");

        (result with { StagingTime = TimeSpan.Zero, MergeTime = TimeSpan.Zero }).ShouldBe(new LoadResult(LoadOutcome.Loaded, result.LedgerId, RowsInFile: 4, Inserted: 1, Replaced: 2, Removed: 0, KeptNewer: 1));
        var rows = await _database.RowsAsync();
        rows[$"S1/{Fall}"].ShouldBe(new StoredRow("raw/export-monday.csv", first.Sha256, 1, new DateOnly(2025, 3, 1), 10m));
        rows[$"S2/{Fall}"].ShouldBe(new StoredRow("raw/export-tuesday.csv", second.Sha256, 2, new DateOnly(2025, 4, 1), 21m));
        rows[$"S3/{Fall}"].ShouldBe(new StoredRow("raw/export-tuesday.csv", second.Sha256, 3, new DateOnly(2025, 3, 1), 31m));
        rows[$"S4/{Fall}"].ShouldBe(new StoredRow("raw/export-tuesday.csv", second.Sha256, 4, new DateOnly(2025, 3, 1), 41m));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("0.5")]
    [InlineData("5.00")]
    [InlineData("10")]
    [InlineData("99.99")]
    [InlineData("100.00")]
    public async Task Scores_are_stored_as_written(string score)
    {
        var value = decimal.Parse(score, System.Globalization.CultureInfo.InvariantCulture);
        var file = new CleanFile(new CleanRow("S1", Fall, "2000-01-01", value), new CleanRow("S2", Fall, "2026-02-28", MathScore: null));

        await file.LoadAsync(_loader, "raw/scores.csv");

        var rows = await _database.RowsAsync();
        rows[$"S1/{Fall}"].MathScore.ShouldBe(value);
        rows[$"S1/{Fall}"].RecordedOn.ShouldBe(new DateOnly(2000, 1, 1));
        rows[$"S2/{Fall}"].MathScore.ShouldBeNull();
        rows[$"S2/{Fall}"].RecordedOn.ShouldBe(new DateOnly(2026, 2, 28));
        (await _database.ScalarAsync<string>("SELECT reading_score::text || '|' || gpa::text || '|' || school_id || '|' || grade_level::text FROM core.student_metrics WHERE student_id = 'S1'"))
            .ShouldBe("81.25|3.40|SCH001|7");
    }

    [Fact]
    public async Task Two_loads_of_the_same_content_at_once_load_it_once()
    {
        var file = new CleanFile(new CleanRow("S1", Fall, "2025-01-10"), new CleanRow("S2", Fall, "2025-01-10"));

        var results = await Task.WhenAll(file.LoadAsync(_loader, "raw/a.csv"), file.LoadAsync(_loader, "raw/a.csv"));

        results.Select(r => r.Outcome).Order().ShouldBe([LoadOutcome.Loaded, LoadOutcome.SkippedAlreadyLoaded]);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics")).ShouldBe(2);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics_staging")).ShouldBe(0);
    }

    [Fact]
    public async Task A_file_that_is_not_a_cleaned_file_loads_nothing_and_the_ledger_records_the_failure()
    {
        var notClean = "student_id,term\nS1,2024-2025-S1\n"u8.ToArray();

        await Should.ThrowAsync<InvalidDataException>(() => _loader.LoadAsync(
            new MemoryStream(notClean), new LoadSource("raw/wrong.csv", new string('a', 64)), CancellationToken.None));

        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics")).ShouldBe(0);
        (await _database.ScalarAsync<string>("SELECT status FROM core.ingestion_ledger")).ShouldBe("failed");
    }

    [Collection(StackCollection.Name)]
    public sealed class OnAFreshDatabase(LocalStack stack) : LoaderTests(stack, DatabaseOrigin.Fresh);

    [Collection(StackCollection.Name)]
    public sealed class OnAnUpgradedDatabase(LocalStack stack) : LoaderTests(stack, DatabaseOrigin.UpgradedFromHistory);
}
