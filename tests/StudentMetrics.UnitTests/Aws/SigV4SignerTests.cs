using Amazon.Runtime;
using StudentMetrics.Aws.Signing;

namespace StudentMetrics.UnitTests.Aws;

public sealed class SigV4SignerTests
{
    // AWS's published Signature Version 4 test suite, case "get-vanilla".
    private static readonly ImmutableCredentials ExampleCredentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
    private static readonly DateTime ExampleTime = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    [Fact]
    public void The_get_vanilla_test_vector_signs_as_aws_publishes_it()
    {
        var headers = new Dictionary<string, string>
        {
            ["Host"] = "example.amazonaws.com",
            ["X-Amz-Date"] = SigV4Signer.FormatDate(ExampleTime),
        };

        var authorization = SigV4Signer.Authorization("GET", new Uri("https://example.amazonaws.com/"), headers, [], ExampleCredentials, "us-east-1", "service", ExampleTime);

        authorization.ShouldBe(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    [Fact]
    public void The_signature_covers_the_body_and_the_target()
    {
        string Sign(string target, string body) => SigV4Signer.Authorization(
            "POST",
            new Uri("https://secretsmanager.us-east-1.amazonaws.com/"),
            new Dictionary<string, string> { ["host"] = "secretsmanager.us-east-1.amazonaws.com", ["x-amz-date"] = "20150830T123600Z", ["x-amz-target"] = target },
            System.Text.Encoding.UTF8.GetBytes(body),
            ExampleCredentials,
            "us-east-1",
            "secretsmanager",
            ExampleTime);

        var original = Sign("secretsmanager.GetSecretValue", """{"SecretId":"a"}""");
        original.ShouldContain("SignedHeaders=host;x-amz-date;x-amz-target,");
        Sign("secretsmanager.GetSecretValue", """{"SecretId":"b"}""").ShouldNotBe(original);
        Sign("secretsmanager.DeleteSecret", """{"SecretId":"a"}""").ShouldNotBe(original);
    }
}
