using Npgsql;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>
/// core.student_metrics holds only what the feed spec allows, whoever writes to it: its checks are written for
/// speed (db/migrations/B0043_baseline.sql says how), so these pin them to the spec's patterns, value by value.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class StoredRowRuleTests(LocalStack stack)
{
    private const string ValidSha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    // One database for every case: each insert is rolled back, so the cases cannot see one another.
    private static readonly SemaphoreSlim DatabaseCreation = new(1, 1);
    private static MigratedDatabase? s_database;

    [Theory]
    [InlineData("2024-2025-S1", true)]
    [InlineData("0000-9999-FY", true)]
    [InlineData("2024-2025-T3", true)]
    [InlineData("2024-2025-Q4", true)]
    [InlineData("2024-2025-S3", false)]
    [InlineData("2024-2025-s1", false)]
    [InlineData("2024-2025-1S", false)]
    [InlineData("2024-2025-S12", false)]
    [InlineData("2024-2025-S", false)]
    [InlineData(" 2024-2025-S1", false)]
    [InlineData("2024-2025-S1 ", false)]
    [InlineData("202a-2025-S1", false)]
    [InlineData("2024-20a5-S1", false)]
    [InlineData("2024_2025-S1", false)]
    [InlineData("2024-2025_S1", false)]
    [InlineData("-024-2025-S1", false)]
    [InlineData("2024--025-S1", false)]
    [InlineData("2024-202--S1", false)]
    [InlineData("2024-2025--1", false)]
    [InlineData("2024-2025-\u2212\u2212", false)]
    [InlineData("２０２４-2025-S1", false)]
    [InlineData("٢٠٢٤-2025-S1", false)]
    [InlineData("2024/2025/S1", false)]
    public async Task A_term_is_stored_only_in_the_spec_form(string term, bool allowed) =>
        (await TryInsertAsync(term: term)).ShouldBe(allowed);

    [Theory]
    [InlineData(ValidSha256, true)]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", true)]
    [InlineData("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0", false)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg", false)]
    [InlineData("0123456789abcdef 0123456789abcdef0123456789abcdef0123456789abcd", false)]
    [InlineData("0123456789abcdef\n0123456789abcdef0123456789abcdef0123456789abcd", false)]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdé", false)]
    [InlineData("", false)]
    public async Task A_content_hash_is_stored_only_as_64_lower_case_hex_digits(string sha256, bool allowed) =>
        (await TryInsertAsync(sha256: sha256)).ShouldBe(allowed);

    [Theory]
    [InlineData("S-1_A", true)]
    [InlineData("ABCDEFGHIJ0123456789", true)]
    [InlineData("ABCDEFGHIJ01234567890", false)]
    [InlineData("", false)]
    [InlineData("s1", false)]
    [InlineData("S 1", false)]
    [InlineData("S1é", false)]
    public async Task A_student_id_is_stored_only_in_the_spec_form(string studentId, bool allowed) =>
        (await TryInsertAsync(studentId: studentId)).ShouldBe(allowed);

    /// <returns>Whether the row was stored; a refusal must come from the table's rules, nothing else.</returns>
    private async Task<bool> TryInsertAsync(string studentId = "S1", string term = "2024-2025-S1", string sha256 = ValidSha256)
    {
        var database = await DatabaseAsync();
        await using var connection = await database.Owner.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO core.student_metrics (student_id, term, school_id, grade_level, days_enrolled, recorded_on, source_key, source_sha256, source_row)
            VALUES ($1, $2, 'SCH-1', 5, 100, date '2025-01-10', 'raw/rules.csv', $3, 1)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = studentId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = term });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        try
        {
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
            return true;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.InvalidParameterValue)
        {
            return false;
        }
    }

    private async Task<MigratedDatabase> DatabaseAsync()
    {
        await DatabaseCreation.WaitAsync();
        try
        {
            return s_database ??= await MigratedDatabase.CreateAsync(stack, "stored_rules");
        }
        finally
        {
            DatabaseCreation.Release();
        }
    }
}
