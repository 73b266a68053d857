using Npgsql;
using StudentMetrics.Aws.SecretsManager;
using StudentMetrics.Functions.Configuration;

namespace StudentMetrics.UnitTests.Hosting;

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
    public async Task Without_either_setting_the_error_names_both()
    {
        var connections = new DatabaseConnections(_ => null, new Lazy<SecretsManagerClient>(() => throw new InvalidOperationException("not asked")));

        var error = await Should.ThrowAsync<InvalidOperationException>(() => connections.OpenAsync(CancellationToken.None));

        error.Message.ShouldContain("STUDENT_METRICS_DB");
        error.Message.ShouldContain("STUDENT_METRICS_DB_SECRET_ARN");
    }
}
