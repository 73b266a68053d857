using StudentMetrics.Aws;

namespace StudentMetrics.UnitTests.Aws;

/// <summary>The one place AWS settings are read: region, endpoints, and what is said when one is missing or wrong.</summary>
public sealed class AwsSettingsTests
{
    [Fact]
    public void Without_a_region_or_an_emulator_the_error_says_to_set_the_region()
    {
        var error = Should.Throw<AwsSettingsException>(() => AwsSettings.FromEnvironment(Env()));

        error.Message.ShouldStartWith("AWS_REGION is not set");
    }

    [Fact]
    public void The_emulator_needs_no_region()
    {
        var settings = AwsSettings.FromEnvironment(Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:5000")));

        settings.Region.ShouldBe("us-east-1");
        settings.EndpointFor("SQS", "sqs").ShouldBe(new Uri("http://127.0.0.1:5000"));
        settings.IsEndpointOverridden("S3").ShouldBeTrue();
    }

    [Fact]
    public void A_service_endpoint_wins_over_the_shared_one_and_aws_is_the_default()
    {
        var settings = AwsSettings.FromEnvironment(Env(("AWS_REGION", "eu-west-1"), ("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324")));

        settings.EndpointFor("SQS", "sqs").ShouldBe(new Uri("http://127.0.0.1:9324"));
        settings.EndpointFor("SECRETS_MANAGER", "secretsmanager").ShouldBe(new Uri("https://secretsmanager.eu-west-1.amazonaws.com/"));
        settings.IsEndpointOverridden("S3").ShouldBeFalse();
    }

    [Fact]
    public void The_data_bucket_is_the_templates_setting_and_a_function_that_needs_it_says_so_when_it_is_missing()
    {
        AwsSettings.FromEnvironment(Env(("AWS_REGION", "eu-west-1"), ("STUDENT_METRICS_BUCKET", "student-metrics-data-1"))).DataBucket.ShouldBe("student-metrics-data-1");

        var error = Should.Throw<AwsSettingsException>(() => AwsSettings.FromEnvironment(Env(("AWS_REGION", "eu-west-1"))).RequireDataBucket("the clean function"));

        error.Message.ShouldStartWith("STUDENT_METRICS_BUCKET is not set: the clean function needs");
    }

    [Fact]
    public void The_region_falls_back_to_aws_default_region()
    {
        AwsSettings.FromEnvironment(Env(("AWS_DEFAULT_REGION", "ap-southeast-2"))).Region.ShouldBe("ap-southeast-2");
    }

    [Fact]
    public void An_endpoint_that_is_not_a_url_is_named()
    {
        var error = Should.Throw<AwsSettingsException>(() => AwsSettings.FromEnvironment(Env(("AWS_ENDPOINT_URL", "localhost:5000"))));

        error.Message.ShouldStartWith("AWS_ENDPOINT_URL is not an http(s) URL: 'localhost:5000'");
    }

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();
}
