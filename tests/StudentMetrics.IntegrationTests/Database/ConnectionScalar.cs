using Npgsql;

namespace StudentMetrics.IntegrationTests.Database;

/// <summary>One value from a statement run on a given connection, for tests that must stay inside one transaction.</summary>
internal static class ConnectionScalar
{
    public static async Task<T> ScalarAsync<T>(this NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
