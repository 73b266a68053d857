using Npgsql;
using StudentMetrics.Database;
using StudentMetrics.Database.Migrations;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>Repeatable scripts (R__schema.object.sql): when they run, what the journal says, and what a failure leaves.</summary>
[Collection(StackCollection.Name)]
public sealed class RepeatableScriptTests(LocalStack stack) : IAsyncLifetime
{
    // A table a versioned script adds, and a view of it a repeatable defines: the view can be created only after it.
    private static readonly MigrationScript Table = new("0990_test_scores.sql", "CREATE TABLE core.test_scores (student_id text, score int);");
    private static readonly MigrationScript View = new("R__reporting.test_scores.sql", "CREATE VIEW reporting.test_scores AS SELECT student_id FROM core.test_scores;");
    private NpgsqlDataSource _dataSource = null!;

    public async Task InitializeAsync() =>
        _dataSource = StudentMetricsDataSource.Create(await stack.CreateDatabaseAsync("repeatable"), requireTls: false);

    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    [Fact]
    public async Task Repeatables_run_after_the_versioned_scripts_and_the_journal_records_their_text()
    {
        var result = await MigrateAsync(View);

        result.Scripts.Select(IndexOfKind).ShouldBeInOrder();
        result.Repeatables.ShouldContain(View.Name);
        (await ScalarAsync<bool>("SELECT to_regclass('reporting.test_scores') IS NOT NULL")).ShouldBeTrue();
        (await ScalarAsync<string>($"SELECT checksum_sha256 FROM public.schema_migrations WHERE script_name = '{View.Name}'")).ShouldBe(View.Checksum);
        (await ScalarAsync<bool>(
            "SELECT min(applied_at) FILTER (WHERE script_name LIKE 'R\\_\\_%') > max(applied_at) FILTER (WHERE script_name NOT LIKE 'R\\_\\_%') FROM public.schema_migrations"))
            .ShouldBeTrue();
    }

    [Fact]
    public async Task Unchanged_repeatables_are_not_applied_again()
    {
        await MigrateAsync(View);
        var before = await StateAsync();

        var again = await MigrateAsync(View);

        again.Scripts.ShouldBeEmpty();
        again.AlreadyApplied.ShouldBe(EmbeddedMigrations.Scripts().Count + 2);
        (await StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_changed_repeatable_is_applied_again_with_all_the_others_and_may_change_a_views_columns()
    {
        await MigrateAsync(View);
        var changed = View with { Contents = "CREATE VIEW reporting.test_scores AS SELECT student_id, score FROM core.test_scores;" };

        var result = await MigrateAsync(changed);

        result.ChangedRepeatables.ShouldBe([View.Name]);
        result.Repeatables.ShouldBe(MigrationCatalogue.Create([.. EmbeddedMigrations.Scripts(), changed]).Repeatables.Select(r => r.Script.Name));
        result.Versioned.ShouldBeEmpty();
        (await ScalarAsync<string>("SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'reporting.test_scores'::regclass"))
            .ShouldBe("student_id,score");
        (await ScalarAsync<string>($"SELECT checksum_sha256 FROM public.schema_migrations WHERE script_name = '{View.Name}'")).ShouldBe(changed.Checksum);
        // The trigger goes with its function, and the grants with their objects.
        (await ScalarAsync<long>("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'reporting.settings'::regclass AND tgname = 'settings_row_is_kept'")).ShouldBe(1);
        (await ScalarAsync<bool>("SELECT has_function_privilege('student_metrics_loader', 'core.merge_staged(bigint, bigint)', 'EXECUTE')")).ShouldBeTrue();
        (await ScalarAsync<bool>("SELECT has_table_privilege('student_metrics_reporting', 'reporting.attendance_rate', 'SELECT')")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_failing_repeatable_rolls_back_with_its_journal_row_and_every_object_stays_as_it_was()
    {
        await MigrateAsync(View);
        var before = await StateAsync();
        var broken = View with { Contents = "CREATE VIEW reporting.test_scores AS SELECT no_such_column FROM core.test_scores;" };

        var error = await Should.ThrowAsync<MigrationFailedException>(() => MigrateAsync(broken));

        error.ScriptName.ShouldBe(View.Name);
        error.Message.ShouldContain("no_such_column");
        (await StateAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_repeatable_no_longer_in_the_build_has_its_object_dropped_and_its_journal_row_removed()
    {
        await MigrateAsync(View);

        var result = await MigrateAsync();

        result.RemovedRepeatables.ShouldBe([View.Name]);
        (await ScalarAsync<bool>("SELECT to_regclass('reporting.test_scores') IS NULL")).ShouldBeTrue();
        (await ScalarAsync<long>($"SELECT count(*) FROM public.schema_migrations WHERE script_name = '{View.Name}'")).ShouldBe(0);
    }

    [Fact]
    public async Task Something_outside_the_repeatables_that_depends_on_one_stops_the_run_and_nothing_changes()
    {
        await MigrateAsync(View);
        await ScalarAsync<int>("CREATE VIEW reporting.hand_made AS SELECT school_id FROM reporting.attendance_rate; SELECT 0");
        var before = await StateAsync();

        var error = await Should.ThrowAsync<MigrationFailedException>(() => MigrateAsync(View with { Contents = View.Contents + "\n-- edited" }));

        error.Message.ShouldContain("depend");
        (await StateAsync()).ShouldBe(before);
        (await ScalarAsync<bool>("SELECT to_regclass('reporting.hand_made') IS NOT NULL")).ShouldBeTrue();
    }

    private static int IndexOfKind(string script) => script[0] switch { 'B' => 0, 'R' => 2, _ => 1 };

    private Task<MigrationResult> MigrateAsync(params MigrationScript[] extra) =>
        new DatabaseMigrator(_dataSource, [.. EmbeddedMigrations.Scripts(), Table, .. extra], log: null).MigrateAsync(dryRun: false, CancellationToken.None);

    // Every view and function of the reporting and core schemas, by identity and definition, and the journal.
    private Task<string> StateAsync() => ScalarAsync<string>(
        """
        SELECT string_agg(item, E'\n' ORDER BY item) FROM (
            SELECT format('%s %s %s', c.oid, c.oid::regclass, pg_get_viewdef(c.oid)) FROM pg_class c
            WHERE c.relkind = 'v' AND c.relnamespace::regnamespace::text LIKE 'reporting%'
            UNION ALL
            SELECT format('%s %s', p.oid, p.oid::regprocedure) FROM pg_proc p WHERE p.pronamespace::regnamespace::text IN ('core', 'reporting_internal')
            UNION ALL
            SELECT format('%s %s %s', script_name, checksum_sha256, applied_at) FROM public.schema_migrations
        ) state(item)
        """);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = _dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
