using Npgsql;

namespace StudentMetrics.Database;

/// <summary>The rules every connection string is held to before the product connects with it.</summary>
internal static class ConnectionStringPolicy
{
    public static string Apply(string connectionString, bool requireTls)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (requireTls && builder.SslMode is SslMode.Disable or SslMode.Allow or SslMode.Prefer)
        {
            // Require encrypts without checking the server's certificate, which works with RDS out of the box;
            // VerifyCA / VerifyFull (with Root Certificate=the RDS bundle) are kept when the string asks for them.
            builder.SslMode = SslMode.Require;
        }

        return builder.ConnectionString;
    }
}
