using StudentMetrics.Cleaning.Contract;
using StudentMetrics.Database.Schema;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// The migrated database and the contract files say the same thing; when a contract changes without its migration,
/// or a migration without its contract, the check names the difference and the file to add.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ContractSchemaCheckTests(LocalStack stack)
{
    [Fact]
    public async Task A_database_migrated_by_this_build_agrees_with_every_contract()
    {
        await using var db = await MigratedDatabase.CreateAsync(stack, "contract_check");

        var differences = await CheckAsync(db, FeedContracts.All.Values);

        differences.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_new_contract_column_without_its_migration_names_the_migration_to_add()
    {
        await using var db = await MigratedDatabase.CreateAsync(stack, "contract_check_column");
        var contract = WithColumn(new ColumnSpec { Name = "ela_score", Type = ColumnType.Decimal, Storage = "numeric(5,2)", Scale = 2, Min = 0, Max = 100 });

        var differences = await CheckAsync(db, [contract]);

        differences.ShouldBe(
        [
            "contracts/student_metrics.v1.json declares ela_score (numeric(5,2)) but core.student_metrics has no such column: add a migration (db/migrations/NNNN_add_ela_score.sql) that adds it to the feed's tables (core.student_metrics and its _staging and _displaced).",
            "contracts/student_metrics.v1.json declares ela_score (numeric(5,2)) but core.student_metrics_staging has no such column: add a migration (db/migrations/NNNN_add_ela_score.sql) that adds it to the feed's tables (core.student_metrics and its _staging and _displaced).",
            "contracts/student_metrics.v1.json bounds ela_score >= 0 but no CHECK of core.student_metrics does: add a migration with the CHECK (or change the contract).",
            "contracts/student_metrics.v1.json bounds ela_score <= 100 but no CHECK of core.student_metrics does: add a migration with the CHECK (or change the contract).",
            "contracts/student_metrics.v1.json declares ela_score (numeric(5,2)) but core.student_metrics_displaced has no such column: add a migration (db/migrations/NNNN_add_ela_score.sql) that adds it to the feed's tables (core.student_metrics and its _staging and _displaced).",
        ]);

        await db.ExecuteAsync(
            """
            ALTER TABLE core.student_metrics ADD COLUMN ela_score numeric(5,2) CHECK (ela_score BETWEEN 0 AND 100);
            ALTER TABLE core.student_metrics_staging ADD COLUMN ela_score numeric(5,2);
            ALTER TABLE core.student_metrics_displaced ADD COLUMN ela_score numeric(5,2) CHECK (ela_score BETWEEN 0 AND 100);
            """);
        (await CheckAsync(db, [contract])).ShouldBeEmpty("the migration the message asked for closes the difference");
    }

    [Fact]
    public async Task A_migration_without_its_contract_change_names_the_contract()
    {
        await using var db = await MigratedDatabase.CreateAsync(stack, "contract_check_table");
        await db.ExecuteAsync("ALTER TABLE core.student_metrics ADD COLUMN notes text");

        var differences = await CheckAsync(db, [FeedContracts.Default]);

        differences.ShouldBe(["core.student_metrics has a column notes (text) that contracts/student_metrics.v1.json does not declare: declare it in the contract (a new minor version) or drop it in a migration."]);
    }

    [Fact]
    public async Task A_migration_that_changes_a_bound_the_contract_keeps_is_named()
    {
        await using var db = await MigratedDatabase.CreateAsync(stack, "contract_check_bound");
        var constraint = await db.ScalarAsync<string>(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'core.student_metrics'::regclass AND pg_get_constraintdef(oid) LIKE '%math_score <=%'");
        await db.ExecuteAsync($"ALTER TABLE core.student_metrics DROP CONSTRAINT {constraint}, ADD CHECK (math_score BETWEEN 0 AND 120)");

        var differences = await CheckAsync(db, [FeedContracts.Default]);

        differences.ShouldBe(
        [
            "contracts/student_metrics.v1.json bounds math_score <= 100 but no CHECK of core.student_metrics does: add a migration with the CHECK (or change the contract).",
            "core.student_metrics checks math_score <= 120 but contracts/student_metrics.v1.json does not say so: change the contract's bound (a new minor version) or the CHECK in a migration so they agree.",
        ]);
    }

    [Fact]
    public async Task A_feed_without_its_tables_names_the_migration_that_creates_them()
    {
        await using var db = await MigratedDatabase.CreateAsync(stack, "contract_check_feed");
        var feed = FeedContracts.Default with { Dataset = "enrolment", Table = "core.enrolment", FileName = "enrolment.v1.json" };

        var differences = await CheckAsync(db, [feed]);

        differences.ShouldBe(["contracts/enrolment.v1.json describes the feed enrolment, stored in core.enrolment, but the database has no core.enrolment: add a migration (db/migrations/NNNN_enrolment_tables.sql) that creates it."]);
    }

    private static FeedContract WithColumn(ColumnSpec column) =>
        FeedContracts.Default with { Version = "1.1", Columns = [.. FeedContracts.Default.Columns, column] };

    private static async Task<IReadOnlyList<string>> CheckAsync(MigratedDatabase db, IEnumerable<FeedContract> contracts)
    {
        await using var connection = await db.Owner.OpenConnectionAsync();
        return await ContractSchemaCheck.CheckAsync(connection, contracts, CancellationToken.None);
    }
}
