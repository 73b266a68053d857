using System.Net;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>
/// The local AWS answers as AWS does where moto alone forgives (ops/local/emulator/strict_iam.py): each test gives a
/// role of its own one policy, assumes it, and checks what S3 says to it.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class StrictEmulatorTests(LocalStack stack) : IAsyncLifetime
{
    private readonly string _bucket = "strict-" + Guid.NewGuid().ToString("N")[..12];
    private readonly IAmazonS3 _admin = stack.CreateS3Client();

    public async Task InitializeAsync()
    {
        await _admin.PutBucketAsync(_bucket);
        await _admin.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "in/present.csv", ContentBody = "a\n" });
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_missing_key_is_403_without_ListBucket_and_404_with_it()
    {
        var read = Statement("s3:GetObject", $"arn:aws:s3:::{_bucket}/*");

        (await StatusOfGetAsync(Role(read), "in/missing.csv")).ShouldBe(HttpStatusCode.Forbidden);
        (await StatusOfGetAsync(Role(read), "in/present.csv")).ShouldBe(HttpStatusCode.OK);
        (await StatusOfGetAsync(Role(read, Statement("s3:ListBucket", $"arn:aws:s3:::{_bucket}")), "in/missing.csv")).ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_ListBucket_limited_by_prefix_does_not_turn_a_missing_key_into_404_but_lists_its_prefix()
    {
        var limited = Statement("s3:ListBucket", $"arn:aws:s3:::{_bucket}", new { StringLike = new Dictionary<string, string> { ["s3:prefix"] = "in/*" } });
        using var s3 = stack.CreateS3Client(Role(Statement("s3:GetObject", $"arn:aws:s3:::{_bucket}/*"), limited));

        (await StatusOfGetAsync(s3, "in/missing.csv")).ShouldBe(HttpStatusCode.Forbidden);
        (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "in/" })).S3Objects.ShouldHaveSingleItem();
        (await Should.ThrowAsync<AmazonS3Exception>(() => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, Prefix = "other/" })))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Copying_needs_GetObject_on_the_source_as_well_as_PutObject_on_the_target()
    {
        var put = Statement("s3:PutObject", $"arn:aws:s3:::{_bucket}/out/*");
        var copy = new CopyObjectRequest { SourceBucket = _bucket, SourceKey = "in/present.csv", DestinationBucket = _bucket, DestinationKey = "out/copy.csv" };

        using (var writeOnly = stack.CreateS3Client(Role(put)))
        {
            (await Should.ThrowAsync<AmazonS3Exception>(() => writeOnly.CopyObjectAsync(copy))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        using var readAndWrite = stack.CreateS3Client(Role(put, Statement("s3:GetObject", $"arn:aws:s3:::{_bucket}/in/*")));
        await readAndWrite.CopyObjectAsync(copy);
        (await _admin.GetObjectMetadataAsync(_bucket, "out/copy.csv")).ContentLength.ShouldBe(2);
    }

    [Fact]
    public async Task Aborting_a_multipart_upload_is_its_own_action()
    {
        using var s3 = stack.CreateS3Client(Role(Statement("s3:PutObject", $"arn:aws:s3:::{_bucket}/out/*")));
        var upload = await s3.InitiateMultipartUploadAsync(_bucket, "out/parts.csv");

        (await Should.ThrowAsync<AmazonS3Exception>(() => s3.AbortMultipartUploadAsync(_bucket, "out/parts.csv", upload.UploadId)))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Credentials_the_emulator_never_issued_are_refused()
    {
        using var stranger = stack.CreateS3Client(new ImmutableCredentials("AKIAEXAMPLEEXAMPLE00", "not-a-secret", null));

        (await Should.ThrowAsync<AmazonS3Exception>(() => stranger.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket })))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static object Statement(string action, string resource, object? condition = null) =>
        condition is null
            ? new { Effect = "Allow", Action = action, Resource = resource }
            : new { Effect = "Allow", Action = action, Resource = resource, Condition = condition };

    /// <summary>A new role whose one inline policy holds these statements, assumed: its temporary credentials.</summary>
    private ImmutableCredentials Role(params object[] statements)
    {
        var aws = stack.Cli();
        var name = "strict-" + Guid.NewGuid().ToString("N")[..12];
        var trust = JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = new[] { new { Effect = "Allow", Principal = new { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" } } });
        var arn = aws.Json("iam", "create-role", "--role-name", name, "--assume-role-policy-document", trust).GetProperty("Role").GetProperty("Arn").GetString()!;
        aws.Json("iam", "put-role-policy", "--role-name", name, "--policy-name", "test", "--policy-document",
            JsonSerializer.Serialize(new { Version = "2012-10-17", Statement = statements }));
        var assumed = aws.Json("sts", "assume-role", "--role-arn", arn, "--role-session-name", "strict-test").GetProperty("Credentials");
        return new ImmutableCredentials(
            assumed.GetProperty("AccessKeyId").GetString(), assumed.GetProperty("SecretAccessKey").GetString(), assumed.GetProperty("SessionToken").GetString());
    }

    private async Task<HttpStatusCode> StatusOfGetAsync(ImmutableCredentials credentials, string key)
    {
        using var s3 = stack.CreateS3Client(credentials);
        return await StatusOfGetAsync(s3, key);
    }

    private async Task<HttpStatusCode> StatusOfGetAsync(IAmazonS3 s3, string key)
    {
        try
        {
            using var response = await s3.GetObjectAsync(_bucket, key);
            return response.HttpStatusCode;
        }
        catch (AmazonS3Exception e)
        {
            return e.StatusCode;
        }
    }
}
