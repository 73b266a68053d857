using Amazon.S3.Model;
using StudentMetrics.Aws.Sqs;
using StudentMetrics.Functions;
using StudentMetrics.Functions.Local;
using StudentMetrics.Functions.Sources;
using StudentMetrics.Hosting.Observability;
using StudentMetrics.IntegrationTests.Database;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>
/// ops/smoke-test.sh as the deploy workflow runs it, with the deploy role's rights, against the local stack while the
/// clean function serves the upload queue with its own role (Lambda's part in AWS).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SmokeTestTests(LocalStack stack)
{
    [Fact]
    public async Task The_smoke_test_passes_with_the_deploy_roles_rights_and_leaves_nothing_behind()
    {
        stack.PurgeUploadQueue();
        // What a deploy publishes before its smoke test: the migrated database's registry, which registers raw/smoke-test/.
        await using (var database = await MigratedDatabase.CreateAsync(stack, "smoke"))
        {
            await stack.ForgetSourceRegistryAsync();
            using var admin = stack.CreateS3Client();
            await SourceRegistryPublication.PublishAsync(database.Owner, admin, stack.Bucket, CancellationToken.None);
        }

        var cleanRole = stack.RoleSettings(LocalStack.CleanRole);
        using var sqs = new SqsClient(cleanRole);
        var output = new JsonLinesOutput(TextWriter.Null);
        using var host = new LocalQueueHost(sqs, ProductFunctions.Create(() => cleanRole.WithDataBucket(stack.Bucket)), new JsonLog(output, TimeProvider.System), new EmbeddedMetrics(output, TimeProvider.System, EmbeddedMetrics.DefaultNamespace));
        using var stop = new CancellationTokenSource();
        var serving = host.ServeAsync(stack.UploadQueueUrl, "clean", stop.Token);
        var run = "test-" + Guid.NewGuid().ToString("N")[..12];

        var deploy = stack.Cli(stack.AssumeRole(LocalStack.DeployRole));
        // Off the test's thread: the host's polling continues on it while the script waits for the report.
        var printed = await Task.Run(() => deploy.Run(["ops/smoke-test.sh", run], "bash", ("BUCKET", stack.Bucket), ("WAIT_SECONDS", "120")));

        await stop.CancelAsync();
        (await serving.WaitAsync(TimeSpan.FromSeconds(30))).MessagesFailed.ShouldBe(0);
        printed.ShouldContain("smoke-test: passed");
        using var s3 = stack.CreateS3Client();
        foreach (var area in new[] { "raw", "clean", "rejects", "reports" })
        {
            var versions = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = stack.Bucket, Prefix = $"{area}/smoke-test/{run}/" });
            (versions.Versions ?? []).ShouldBeEmpty($"{area}/smoke-test/{run}/ keeps no version and no delete marker");
        }
    }
}
