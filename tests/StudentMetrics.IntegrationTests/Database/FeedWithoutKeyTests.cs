using System.Text;
using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// The merge is one implementation for every feed: a feed described only by its contract and its tables (here one
/// made up for the test, without a key) loads through the same functions, each file's rows its own, replaced whole by
/// the key's next version.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class FeedWithoutKeyTests(LocalStack stack) : IAsyncLifetime
{
    private static readonly FeedContract Notes = FeedContracts.Parse("test_notes.v1.json", """
        { "feed": "test_notes", "version": "1.0", "table": "core.test_notes", "duplicates": "identical_rows", "null_tokens": [""],
          "columns": [ { "name": "note", "type": "text", "storage": "text", "required": true, "max_length": 40 } ] }
        """);

    private MigratedDatabase _database = null!;
    private CleanFileLoader _loader = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync(stack, "feed_without_key");
        await _database.ExecuteAsync(
            """
            CREATE TABLE core.test_notes (
                note text NOT NULL, source_row integer NOT NULL, source_key text COLLATE "C" NOT NULL, source_sha256 text NOT NULL,
                source_uploaded_at timestamptz NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source_key, source_row));
            CREATE UNLOGGED TABLE core.test_notes_staging (
                note text, source_row integer,
                source_key text COLLATE "C" NOT NULL DEFAULT current_setting('student_metrics.source_key', true),
                source_sha256 text NOT NULL DEFAULT current_setting('student_metrics.source_sha256', true));
            GRANT SELECT, INSERT ON core.test_notes_staging TO student_metrics_loader;
            INSERT INTO core.feeds (feed, stored_table, key_columns) VALUES ('test_notes', 'core.test_notes', '{}');
            """);
        _loader = new CleanFileLoader(await _database.ConnectAsMemberOfAsync("student_metrics_loader"));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Each_file_keeps_its_own_rows_and_a_new_version_replaces_them_whole()
    {
        var v1 = await LoadAsync("raw/a/notes/n.csv", "one", "two", "two");
        var other = await LoadAsync("raw/b/notes/n.csv", "one");
        var v2 = await LoadAsync("raw/a/notes/n.csv", "three", "four");

        (v1.Outcome, v1.Inserted).ShouldBe((LoadOutcome.Loaded, 3L));
        (other.Inserted, other.Replaced, other.KeptNewer).ShouldBe((1L, 0L, 0L), "the same note from another file is not the same row");
        (v2.Inserted, v2.Removed).ShouldBe((2L, 3L));
        (await _database.ScalarAsync<string>("SELECT string_agg(source_key || ':' || note, ',' ORDER BY source_key, source_row) FROM core.test_notes"))
            .ShouldBe("raw/a/notes/n.csv:three,raw/a/notes/n.csv:four,raw/b/notes/n.csv:one");
        (await LoadAsync("raw/a/notes/n.csv", "three", "four")).Outcome.ShouldBe(LoadOutcome.SkippedAlreadyLoaded);
    }

    private Task<LoadResult> LoadAsync(string key, params string[] notes)
    {
        var csv = new StringBuilder("note,source_row\n");
        for (var i = 0; i < notes.Length; i++)
        {
            csv.Append(notes[i]).Append(',').Append(i + 1).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return _loader.LoadAsync(new MemoryStream(bytes), new LoadSource(key, sha) { Contract = Notes }, CancellationToken.None);
    }
}
