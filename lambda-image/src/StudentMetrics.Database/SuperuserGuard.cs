using Npgsql;

namespace StudentMetrics.Database;

/// <summary>Application code never connects as a superuser: a superuser bypasses every grant the schema relies on.</summary>
internal static class SuperuserGuard
{
    public static void ThrowIfSuperuser(NpgsqlConnection connection)
    {
        // The server reports is_superuser at connection start, so checking costs no round trip.
        if (connection.PostgresParameters.TryGetValue("is_superuser", out var value) && value == "on")
        {
            throw new InvalidOperationException(
                $"Refusing to work as '{connection.UserName}', a PostgreSQL superuser. Connect as student_metrics_owner (migrations) or a member of student_metrics_loader (loading).");
        }
    }
}
