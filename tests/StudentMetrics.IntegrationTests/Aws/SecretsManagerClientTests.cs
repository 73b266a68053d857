using StudentMetrics.Aws;
using StudentMetrics.Aws.Json;
using StudentMetrics.Aws.SecretsManager;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Aws;

[Collection(StackCollection.Name)]
public sealed class SecretsManagerClientTests(LocalStack stack)
{
    private const string Credentials = """{"username":"student_metrics_loader","password":"s3cr3t;pw","engine":"postgres","host":"db.internal","port":5432,"dbname":"student_metrics"}""";

    [Fact]
    public async Task A_database_secret_is_fetched_through_the_signed_client_and_kept_for_the_life_of_the_process()
    {
        AwsSettings.FromEnvironment().EndpointOverride.ShouldBe(new Uri(stack.AwsEndpoint), "AWS_ENDPOINT_URL points the client at the emulator");
        using var client = new SecretsManagerClient(AwsSettings.FromEnvironment());
        var name = "student-metrics/db-" + Guid.NewGuid().ToString("N")[..8];
        var created = await client.CreateSecretAsync(name, Credentials, CancellationToken.None);
        created.Arn.ShouldNotBeNullOrEmpty();

        var secret = await client.GetDatabaseSecretAsync(created.Arn!, CancellationToken.None);

        secret.Username.ShouldBe("student_metrics_loader");
        secret.Password.ShouldBe("s3cr3t;pw");
        secret.Host.ShouldBe("db.internal");
        secret.Port.ShouldBe(5432);
        secret.DatabaseName.ShouldBe("student_metrics");

        // Rotated in Secrets Manager: this process keeps the value it has, a new one sees the new version.
        await client.PutSecretValueAsync(created.Arn!, Credentials.Replace("s3cr3t;pw", "rotated", StringComparison.Ordinal), CancellationToken.None);
        (await client.GetDatabaseSecretAsync(created.Arn!, CancellationToken.None)).Password.ShouldBe("s3cr3t;pw");
        (await client.GetSecretValueAsync(created.Arn!, CancellationToken.None)).SecretString!.ShouldContain("rotated");
        using var fresh = new SecretsManagerClient(AwsSettings.FromEnvironment());
        (await fresh.GetDatabaseSecretAsync(name, CancellationToken.None)).Password.ShouldBe("rotated");
    }

    [Fact]
    public async Task A_missing_secret_is_a_service_error_with_its_code()
    {
        using var client = new SecretsManagerClient(AwsSettings.FromEnvironment());

        var error = await Should.ThrowAsync<AwsServiceException>(() => client.GetDatabaseSecretAsync("student-metrics/nothing-here", CancellationToken.None));

        error.ErrorCode.ShouldBe("ResourceNotFoundException");
    }
}
