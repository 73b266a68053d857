using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using Npgsql;
using StudentMetrics.Aws;
using StudentMetrics.Cli;
using StudentMetrics.Database;

namespace StudentMetrics.UnitTests.Cli;

/// <summary>What the command line says when a command fails: which setting or service, what to check, no exception names.</summary>
public sealed class FailureMessagesTests
{
    [Fact]
    public void A_refused_connection_to_postgresql_points_at_host_and_port()
    {
        var failure = new NpgsqlException("Failed to connect to 127.0.0.1:5999", new SocketException((int)SocketError.ConnectionRefused));

        var line = FailureMessages.Describe(failure);

        line.ShouldStartWith("cannot reach PostgreSQL: ");
        line.ShouldContain($"Host and Port in {DatabaseSettings.ConnectionStringVariable}");
        line.ShouldNotContain("Exception");
    }

    [Fact]
    public void An_unreachable_aws_endpoint_points_at_the_endpoint_setting()
    {
        var failure = new HttpRequestException("Connection refused (127.0.0.1:4566)", new SocketException((int)SocketError.ConnectionRefused));

        var line = FailureMessages.Describe(failure);

        line.ShouldStartWith("cannot reach the AWS endpoint: ");
        line.ShouldContain(AwsSettings.EndpointVariable);
    }

    [Fact]
    public void An_aws_error_names_its_code()
    {
        var failure = new AmazonS3Exception("The specified bucket does not exist") { ErrorCode = "NoSuchBucket", StatusCode = HttpStatusCode.NotFound };

        FailureMessages.Describe(failure).ShouldBe("AWS answered NoSuchBucket: The specified bucket does not exist");
    }

    [Fact]
    public void Settings_errors_are_said_as_they_are()
    {
        FailureMessages.Describe(new DatabaseSettingsException("set STUDENT_METRICS_DB")).ShouldBe("set STUDENT_METRICS_DB");
        FailureMessages.Describe(new AwsSettingsException("AWS_REGION is not set")).ShouldBe("AWS_REGION is not set");
    }

    [Fact]
    public void Anything_else_says_how_to_see_more()
    {
        FailureMessages.Describe(new InvalidOperationException("the clean function failed on 1 message(s)"))
            .ShouldBe($"failed: the clean function failed on 1 message(s) (set {CommandLine.DebugVariable}=1 to see where)");
    }
}
