using Amazon.S3.Model;
using Npgsql;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests;

[Collection(StackCollection.Name)]
public sealed class StackSmokeTests(LocalStack stack)
{
    [Fact]
    public async Task A_fresh_database_is_owned_by_the_product_owner_role_not_a_superuser()
    {
        await using var connection = new NpgsqlConnection(await stack.CreateDatabaseAsync("smoke"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.GetString(0).ShouldBe("student_metrics_owner");
        reader.GetBoolean(1).ShouldBeFalse();
    }

    [Fact]
    public async Task The_emulator_stores_and_returns_an_object()
    {
        using var s3 = stack.CreateS3Client();
        await s3.PutBucketAsync("smoke-bucket");
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "smoke-bucket", Key = "a b+c.csv", ContentBody = "x,y\n1,2\n" });
        using var got = await s3.GetObjectAsync("smoke-bucket", "a b+c.csv");
        using var reader = new StreamReader(got.ResponseStream);
        (await reader.ReadToEndAsync()).ShouldBe("x,y\n1,2\n");
    }
}
