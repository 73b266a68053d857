using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// The feed spec's current-files rule: the stored rows are the spec's choice (later recorded_on, then the later
/// upload, then the greater object key) made over the current version of every raw key, whatever the order the
/// versions are loaded in; a row withdrawn by its file gives its place back; older bytes uploaded again are current.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CurrentFilesRuleTests(LocalStack stack) : IAsyncLifetime
{
    private const string Fall = "2024-2025-S1";
    private static readonly DateTimeOffset Monday = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private MigratedDatabase _database = null!;
    private CleanFileLoader _loader = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync(stack, "current_files");
        _loader = new CleanFileLoader(await _database.ConnectAsMemberOfAsync("student_metrics_loader"));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_row_comes_back_when_the_file_whose_row_beat_it_withdraws_that_row()
    {
        var schoolA = new CleanFile(new CleanRow("S1", Fall, "2025-01-10", 50m, "SCH-A"), new CleanRow("S2", Fall, "2025-01-10", 60m, "SCH-A"));
        var schoolB = new CleanFile(new CleanRow("S1", Fall, "2025-02-01", 99m, "SCH-B"), new CleanRow("T1", Fall, "2025-02-01", 70m, "SCH-B"));
        var schoolBWithoutS1 = new CleanFile(new CleanRow("T1", Fall, "2025-02-01", 70m, "SCH-B"));
        await schoolA.LoadAsync(_loader, "raw/a/2025.csv", Monday);

        var b = await schoolB.LoadAsync(_loader, "raw/b/2025.csv", Monday.AddHours(1));
        var rowsWithB = await _database.RowsAsync();
        var bAgain = await schoolBWithoutS1.LoadAsync(_loader, "raw/b/2025.csv", Monday.AddHours(2));

        (b.Inserted, b.Replaced, b.KeptNewer).ShouldBe((1L, 1L, 0L));
        rowsWithB[$"S1/{Fall}"].SourceKey.ShouldBe("raw/b/2025.csv", "the later recorded_on wins");
        (bAgain.Removed, bAgain.Restored).ShouldBe((1L, 1L));
        var rows = await _database.RowsAsync();
        rows[$"S1/{Fall}"].ShouldBe(new StoredRow("raw/a/2025.csv", schoolA.Sha256, 1, new DateOnly(2025, 1, 10), 50m), "school A's row is stored again");
        rows.Keys.Order().ShouldBe([$"S1/{Fall}", $"S2/{Fall}", $"T1/{Fall}"]);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics_displaced")).ShouldBe(0);
    }

    [Fact]
    public async Task A_version_that_holds_no_rows_withdraws_its_keys_rows_and_gives_back_the_rows_they_displaced()
    {
        var schoolA = new CleanFile(new CleanRow("S1", Fall, "2025-01-10", 50m, "SCH-A"));
        var schoolB = new CleanFile(new CleanRow("S1", Fall, "2025-02-01", 99m, "SCH-B"), new CleanRow("T1", Fall, "2025-02-01", 70m, "SCH-B"));
        await schoolA.LoadAsync(_loader, "raw/a/2025.csv", Monday);
        await schoolB.LoadAsync(_loader, "raw/b/2025.csv", Monday.AddHours(1), "v1");
        var quarantined = new LoadSource("raw/b/2025.csv", new string('e', 64)) { UploadedAt = Monday.AddHours(2), Version = "v2" };

        var withdrawn = await _loader.LoadEmptyAsync(quarantined, CancellationToken.None);
        var late = await schoolB.LoadAsync(_loader, "raw/b/2025.csv", Monday.AddHours(1), "v1");

        (withdrawn.Outcome, withdrawn.Removed, withdrawn.Restored).ShouldBe((LoadOutcome.Loaded, 2L, 1L));
        var rows = await _database.RowsAsync();
        rows.Keys.ShouldBe([$"S1/{Fall}"], "school B's key holds a version with no rows: none of its rows stay");
        rows[$"S1/{Fall}"].SourceKey.ShouldBe("raw/a/2025.csv");
        late.Outcome.ShouldBe(LoadOutcome.SkippedStale, "the earlier version, loaded again late, does not come back");
    }

    [Fact]
    public async Task A_file_of_no_rows_is_refused_unless_the_loader_says_its_version_holds_none()
    {
        var source = new LoadSource("raw/a/2025.csv", new string('e', 64)) { UploadedAt = Monday };

        await Should.ThrowAsync<Npgsql.PostgresException>(() => _loader.LoadAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(CleanFile.Header + "\n")), source, CancellationToken.None));
    }

    [Fact]
    public async Task Of_two_versions_uploaded_in_one_second_the_later_wins_though_only_the_earlier_came_with_a_sequencer()
    {
        // S3 gives an upload time to the second; the sequencer is known only for a version an event named, while the
        // clean function counts every version's ordinal from S3's list of them.
        var v1 = new CleanFile(new CleanRow("S1", Fall, "2025-01-10", 50m));
        var v2 = new CleanFile(new CleanRow("S1", Fall, "2025-01-10", 60m));
        await _loader.LoadAsync(new MemoryStream(v1.Bytes), v1.From("raw/a/2025.csv") with { UploadedAt = Monday, Version = "v1", VersionOrdinal = 1, Sequencer = "0A1B2C3D4E5F678901" }, CancellationToken.None);

        var second = await _loader.LoadAsync(new MemoryStream(v2.Bytes), v2.From("raw/a/2025.csv") with { UploadedAt = Monday, Version = "v2", VersionOrdinal = 2 }, CancellationToken.None);

        second.Outcome.ShouldBe(LoadOutcome.Loaded);
        (await _database.RowsAsync())[$"S1/{Fall}"].MathScore.ShouldBe(60m);
    }

    [Fact]
    public async Task An_older_exports_bytes_uploaded_again_are_current_again()
    {
        var v1 = new CleanFile(new CleanRow("S1", Fall, "2025-01-10", 50m));
        var v2 = new CleanFile(new CleanRow("S1", Fall, "2025-01-10", 60m), new CleanRow("S2", Fall, "2025-01-10"));
        await v1.LoadAsync(_loader, "raw/a/2025.csv", Monday, "v1");
        await v2.LoadAsync(_loader, "raw/a/2025.csv", Monday.AddHours(1), "v2");

        var v3 = await v1.LoadAsync(_loader, "raw/a/2025.csv", Monday.AddHours(2), "v3");

        v3.Outcome.ShouldBe(LoadOutcome.Loaded);
        var rows = await _database.RowsAsync();
        rows.Keys.ShouldBe([$"S1/{Fall}"]);
        rows[$"S1/{Fall}"].MathScore.ShouldBe(50m);
        (await _database.ScalarAsync<string>("SELECT source_version FROM core.current_files WHERE source_key = 'raw/a/2025.csv'")).ShouldBe("v3");
    }

    [Fact]
    public async Task A_version_older_than_the_current_one_arriving_late_changes_nothing()
    {
        var v1 = new CleanFile(new CleanRow("S1", Fall, "2025-01-10", 50m));
        var v2 = new CleanFile(new CleanRow("S1", Fall, "2025-01-10", 60m));
        await v2.LoadAsync(_loader, "raw/a/2025.csv", Monday.AddHours(1), "v2");
        var before = await _database.RowsWithoutLoadTimeAsync("student_metrics");

        var late = await v1.LoadAsync(_loader, "raw/a/2025.csv", Monday, "v1");

        late.Outcome.ShouldBe(LoadOutcome.SkippedStale);
        (await _database.RowsWithoutLoadTimeAsync("student_metrics")).ShouldBe(before);
        (await _database.ScalarAsync<string>($"SELECT status FROM core.ingestion_ledger WHERE ledger_id = {late.LedgerId}")).ShouldBe("skipped_stale");
    }

    [Fact]
    public async Task On_a_recorded_on_tie_the_later_upload_wins_then_the_greater_key_whatever_the_load_order()
    {
        var same = new CleanRow("S1", Fall, "2025-01-10", 50m);
        var fromA = new CleanFile(same with { MathScore = 10m });
        var fromB = new CleanFile(same with { MathScore = 20m });
        var fromC = new CleanFile(same with { MathScore = 30m });

        await fromB.LoadAsync(_loader, "raw/b/x.csv", Monday);
        await fromC.LoadAsync(_loader, "raw/c/x.csv", Monday.AddMinutes(-5));
        await fromA.LoadAsync(_loader, "raw/a/x.csv", Monday);

        (await _database.RowsAsync())[$"S1/{Fall}"].SourceKey.ShouldBe("raw/b/x.csv", "b and a were uploaded together, after c: the greater key of the two");
        (await _database.ScalarAsync<long>("SELECT count(*) FROM core.student_metrics_displaced")).ShouldBe(2);
    }

    [Fact]
    public async Task Any_order_of_any_versions_settles_on_what_a_fresh_load_of_the_current_versions_gives()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        for (var round = 0; round < 6; round++)
        {
            // Three keys, each with three versions of rows drawn from a small pool of students, so they collide.
            var keys = new[] { "raw/a/f.csv", "raw/b/f.csv", "raw/c/f.csv" };
            var versions = keys.SelectMany(key => Enumerable.Range(0, 3).Select(v => (Key: key, At: Monday.AddMinutes(v * 10 + random.Next(5)), File: RandomFile(random)))).ToList();
            var latest = versions.GroupBy(v => v.Key).Select(g => g.MaxBy(v => v.At)).ToList();

            await _database.ExecuteAsync("TRUNCATE core.student_metrics, core.student_metrics_displaced, core.current_files");
            foreach (var version in versions.OrderBy(_ => random.Next()))
            {
                await version.File.LoadAsync(_loader, version.Key, version.At);
            }

            var settled = await _database.RowsWithoutLoadTimeAsync("student_metrics");

            await _database.ExecuteAsync("TRUNCATE core.student_metrics, core.student_metrics_displaced, core.current_files");
            foreach (var version in latest.OrderBy(_ => random.Next()))
            {
                await version.File.LoadAsync(_loader, version.Key, version.At);
            }

            (await _database.RowsWithoutLoadTimeAsync("student_metrics")).ShouldBe(settled, $"seed {seed}, round {round}");
        }
    }

    private static CleanFile RandomFile(Random random) =>
        new([.. Enumerable.Range(1, 6).Where(_ => random.Next(3) > 0).Select(s => new CleanRow(
            "S" + s, Fall, $"2025-01-{10 + random.Next(3):00}", random.Next(100), "SCH-" + random.Next(2)))]);
}
