using System.Text.Json;
using StudentMetrics.Cleaning.Sources;
using StudentMetrics.Functions.Clean;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Hosting;

/// <summary>The AOT <c>migrate</c> function publishes the source registry to the data bucket once the migrations are applied.</summary>
[Collection(StackCollection.Name)]
public sealed class BootstrapMigratePublishesTests(LocalStack stack)
{
    [Fact]
    public async Task After_migrating_the_function_publishes_the_registry_for_the_clean_function()
    {
        var connectionString = await stack.CreateDatabaseAsync("bootpublish");
        var bucket = "migrate-publish-" + Guid.NewGuid().ToString("N")[..12];
        using var s3 = stack.CreateS3Client();
        await s3.PutBucketAsync(bucket);
        using var runtime = new RuntimeApiEmulator();
        using var bootstrap = new BootstrapProcess(
            new Dictionary<string, string?>
            {
                ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
                ["STUDENT_METRICS_FUNCTION"] = "migrate",
                ["STUDENT_METRICS_DB"] = connectionString,
                ["STUDENT_METRICS_BUCKET"] = bucket,
                ["AWS_ENDPOINT_URL"] = stack.AwsEndpoint,
                ["AWS_REGION"] = stack.Settings["AWS_REGION"],
                ["AWS_ACCESS_KEY_ID"] = stack.Settings["AWS_ACCESS_KEY_ID"],
                ["AWS_SECRET_ACCESS_KEY"] = stack.Settings["AWS_SECRET_ACCESS_KEY"],
            });

        var migrated = await runtime.InvokeAsync("{}", TimeSpan.FromMinutes(5));

        migrated.IsError.ShouldBeFalse(migrated.Body + bootstrap.Stderr);
        using var response = JsonDocument.Parse(migrated.Body);
        var revision = response.RootElement.GetProperty("publishedRegistryRevision").GetInt64();
        using var published = await s3.GetObjectAsync(bucket, CleanOutputLayout.SourceRegistry);
        var registry = (await JsonSerializer.DeserializeAsync(published.ResponseStream, SourceRegistryJsonContext.Default.SourceRegistry)).ShouldNotBeNull();
        registry.Revision.ShouldBe(revision);
        registry.Find("raw/smoke-test/").ShouldNotBeNull().Schools.ShouldContain("HILL-HS");
        bootstrap.JsonLines().ShouldContain(l => l.GetProperty("message").GetString() == "source registry published");
    }
}
