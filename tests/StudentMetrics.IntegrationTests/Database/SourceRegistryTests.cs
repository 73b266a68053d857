using Npgsql;
using StudentMetrics.Database.Sources;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// The source registry in PostgreSQL (core.sources, core.source_schools): every change, through the sources command's
/// store, a migration or anyone's SQL, leaves an audit row saying who, when, what and why, and the audit cannot be
/// rewritten.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SourceRegistryTests(LocalStack stack) : IAsyncLifetime
{
    private MigratedDatabase _database = null!;
    private SourceRegistryStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync(stack, "sources");
        _store = new SourceRegistryStore(_database.Owner);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_deploys_smoke_test_source_is_registered_by_the_migration_with_the_samples_schools_and_audited_as_such()
    {
        var registry = await _store.ReadAsync(TimeProvider.System, CancellationToken.None);

        var smoke = registry.Find("raw/smoke-test/").ShouldNotBeNull();
        smoke.Schools.ShouldBe(["BAY-ACAD", "HILL-HS", "LIN-ELEM", "OAK-ELEM", "PINE-ACAD", "RIVER-MS"]);
        var history = await _store.HistoryAsync("raw/smoke-test/", 50, CancellationToken.None);
        history.Count.ShouldBe(7);
        history.ShouldAllBe(c => c.ChangedBy == "migration 0048_source_registry" && c.Reason == "the deploy smoke test's sample");
        registry.Revision.ShouldBe(history.Max(c => c.ChangeId));
    }

    [Fact]
    public async Task Every_change_is_audited_with_who_when_what_and_why_and_moves_the_sources_revision()
    {
        var before = await _store.ReadAsync(TimeProvider.System, CancellationToken.None);
        var started = DateTimeOffset.UtcNow.AddSeconds(-5);
        var ana = new RegistryActor("ana@district7", "new district contract");

        (await _store.AddAsync("raw/district7/", "District 7", ["SCH-A", "SCH-B"], ana, CancellationToken.None)).ShouldBe(3);
        (await _store.PermitAsync("raw/district7/", ["SCH-C", "SCH-A"], ana with { Reason = "SCH-C opened" }, CancellationToken.None)).ShouldBe(1);
        (await _store.WithdrawAsync("raw/district7/", ["SCH-B"], ana with { Reason = "SCH-B left the district" }, CancellationToken.None)).ShouldBe(1);
        (await _store.DescribeAsync("raw/district7/", "District 7 (north)", ana with { Reason = null }, CancellationToken.None)).ShouldBe(1);

        var after = await _store.ReadAsync(TimeProvider.System, CancellationToken.None);
        var district = after.Find("raw/district7/").ShouldNotBeNull();
        district.Schools.ShouldBe(["SCH-A", "SCH-C"]);
        district.Description.ShouldBe("District 7 (north)");
        district.Revision.ShouldBeGreaterThan(before.Revision);
        after.Revision.ShouldBe(district.Revision);
        var history = await _store.HistoryAsync("raw/district7/", 50, CancellationToken.None);
        history.Select(c => (c.Action, c.SchoolId ?? c.Detail, c.Reason)).Reverse().ShouldBe(
        [
            ("source_added", "District 7", "new district contract"),
            ("school_permitted", "SCH-A", "new district contract"),
            ("school_permitted", "SCH-B", "new district contract"),
            ("school_permitted", "SCH-C", "SCH-C opened"),
            ("school_withdrawn", "SCH-B", "SCH-B left the district"),
            ("source_described", "District 7 (north)", null),
        ]);
        history.ShouldAllBe(c => c.ChangedBy == "ana@district7" && c.DatabaseRole == "student_metrics_owner" && c.ChangedAt > started);
    }

    [Fact]
    public async Task Removing_a_source_audits_every_school_it_could_send()
    {
        await _store.AddAsync("raw/closing/", "", ["SCH-X", "SCH-Y"], new RegistryActor("setup"), CancellationToken.None);

        await _store.RemoveAsync("raw/closing/", new RegistryActor("ops", "the school closed"), CancellationToken.None);

        (await _store.ReadAsync(TimeProvider.System, CancellationToken.None)).Find("raw/closing/").ShouldBeNull();
        var removal = (await _store.HistoryAsync("raw/closing/", 50, CancellationToken.None)).Where(c => c.ChangedBy == "ops").ToList();
        removal.Select(c => c.Action).Order(StringComparer.Ordinal).ShouldBe(["school_withdrawn", "school_withdrawn", "source_removed"]);
    }

    [Fact]
    public async Task A_change_made_in_plain_sql_is_audited_as_the_database_role_that_made_it()
    {
        await _database.ExecuteAsync("INSERT INTO core.sources (prefix) VALUES ('raw/by-hand/')");

        var change = (await _store.HistoryAsync("raw/by-hand/", 5, CancellationToken.None)).ShouldHaveSingleItem();

        change.Action.ShouldBe("source_added");
        change.ChangedBy.ShouldBe("student_metrics_owner");
    }

    [Theory]
    [InlineData("UPDATE core.source_changes SET changed_by = 'someone else'")]
    [InlineData("DELETE FROM core.source_changes")]
    [InlineData("TRUNCATE core.source_changes")]
    public async Task The_audit_cannot_be_rewritten_even_by_the_owner(string sql)
    {
        var error = await Should.ThrowAsync<PostgresException>(() => _database.ExecuteAsync(sql));

        error.MessageText.ShouldContain("core.source_changes is an audit");
    }

    [Fact]
    public async Task A_change_the_rules_refuse_changes_nothing()
    {
        var before = await _store.HistoryAsync(null, 500, CancellationToken.None);

        await Should.ThrowAsync<SourceRegistryException>(() => _store.AddAsync("raw/bad/", "", ["OK-1", "not valid!"], new RegistryActor("t"), CancellationToken.None));
        await Should.ThrowAsync<SourceRegistryException>(() => _store.PermitAsync("raw/nobody/", ["OK-1"], new RegistryActor("t"), CancellationToken.None));
        await Should.ThrowAsync<SourceRegistryException>(() => _store.AddAsync("raw/smoke-test/", "", [], new RegistryActor("t"), CancellationToken.None));

        (await _store.HistoryAsync(null, 500, CancellationToken.None)).Count.ShouldBe(before.Count);
        (await _store.ReadAsync(TimeProvider.System, CancellationToken.None)).Find("raw/bad/").ShouldBeNull();
    }

    [Theory]
    [InlineData("student_metrics_loader")]
    [InlineData("student_metrics_reporting")]
    public async Task Only_the_owner_reads_or_changes_the_registry(string role)
    {
        await using var member = await _database.ConnectAsMemberOfAsync(role);
        await using var connection = await member.OpenConnectionAsync();
        foreach (var sql in new[] { "SELECT count(*) FROM core.sources", "INSERT INTO core.source_schools VALUES ('raw/smoke-test/', 'X')", "SELECT count(*) FROM core.source_changes" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            (await Should.ThrowAsync<PostgresException>(() => command.ExecuteScalarAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
        }
    }
}
