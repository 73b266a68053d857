using Npgsql;
using StudentMetrics.Aws;
using StudentMetrics.Aws.SecretsManager;
using StudentMetrics.Database;
using StudentMetrics.Functions.Configuration;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Functions;

[Collection(StackCollection.Name)]
public sealed class DatabaseConnectionsTests(LocalStack stack)
{
    [Fact]
    public async Task In_aws_the_credentials_come_from_the_secret_and_the_connection_requires_tls()
    {
        using var secrets = new SecretsManagerClient(AwsSettings.FromEnvironment());
        var created = await secrets.CreateSecretAsync(
            "student-metrics/owner-" + Guid.NewGuid().ToString("N")[..8],
            """{"username":"student_metrics_owner","password":"from-the-secret","host":"db.cluster.internal","port":"6432","dbname":"student_metrics"}""",
            CancellationToken.None);
        var environment = new Dictionary<string, string?> { [DatabaseSettings.SecretArnVariable] = created.Arn };
        var connections = new DatabaseConnections(DatabaseSettings.FromEnvironment(environment.GetValueOrDefault), new Lazy<SecretsManagerClient>(() => secrets));

        await using var dataSource = await connections.OpenAsync(CancellationToken.None);

        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        settings.Host.ShouldBe("db.cluster.internal");
        settings.Port.ShouldBe(6432);
        settings.Database.ShouldBe("student_metrics");
        settings.Username.ShouldBe("student_metrics_owner");
        settings.SslMode.ShouldBe(SslMode.Require);
        dataSource.ConnectionString.ShouldNotContain("from-the-secret");
    }

    [Fact]
    public async Task Locally_the_connection_string_setting_is_used_as_it_is()
    {
        var connectionString = stack.Settings["STUDENT_METRICS_DB"];
        var environment = new Dictionary<string, string?> { [DatabaseSettings.ConnectionStringVariable] = connectionString };
        var connections = new DatabaseConnections(DatabaseSettings.FromEnvironment(environment.GetValueOrDefault), new Lazy<SecretsManagerClient>(() => throw new InvalidOperationException("not asked")));

        await using var dataSource = await connections.OpenAsync(CancellationToken.None);
        await using var connection = await dataSource.OpenConnectionAsync();

        connection.UserName.ShouldBe("student_metrics_owner");
        connection.Database.ShouldBe("student_metrics");
    }
}
