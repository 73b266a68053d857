using Npgsql;
using StudentMetrics.Aws.SecretsManager;
using StudentMetrics.Database;
using StudentMetrics.Functions.Configuration;

namespace StudentMetrics.UnitTests.Functions;

public sealed class DatabaseConnectionsTests
{
    [Fact]
    public void A_secret_becomes_a_connection_string_that_requires_tls()
    {
        var secret = SecretsManagerClient.ParseDatabaseSecret("""{"username":"owner","password":"p;w=1","host":"db.internal","port":5433,"dbname":"metrics"}""");

        var settings = new NpgsqlConnectionStringBuilder(DatabaseConnections.ConnectionString(secret));

        settings.Host.ShouldBe("db.internal");
        settings.Port.ShouldBe(5433);
        settings.Database.ShouldBe("metrics");
        settings.Username.ShouldBe("owner");
        settings.Password.ShouldBe("p;w=1", "a password with separators survives the connection string");
        settings.SslMode.ShouldBe(SslMode.Require);
    }

    [Fact]
    public void A_secret_without_a_database_name_means_the_product_database()
    {
        var secret = SecretsManagerClient.ParseDatabaseSecret("""{"username":"owner","password":"pw","host":"db.internal","port":5432}""");

        new NpgsqlConnectionStringBuilder(DatabaseConnections.ConnectionString(secret)).Database.ShouldBe("student_metrics");
    }

    [Fact]
    public async Task A_connection_string_opens_without_asking_secrets_manager()
    {
        var settings = DatabaseSettings.ForConnectionString("Host=db.internal;Database=student_metrics;Username=u;Password=p");
        var connections = new DatabaseConnections(settings, new Lazy<SecretsManagerClient>(() => throw new InvalidOperationException("not asked")));

        await using var dataSource = await connections.OpenAsync(CancellationToken.None);

        new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Host.ShouldBe("db.internal");
    }
}
