using System.Net.Sockets;
using Amazon.Runtime;
using Npgsql;
using StudentMetrics.Aws;
using StudentMetrics.Aws.Json;
using StudentMetrics.Cli.Arguments;
using StudentMetrics.Database;

namespace StudentMetrics.Cli;

/// <summary>
/// What a failure means to the person at the terminal, in one line: which setting or service, and what to check.
/// Never a .NET exception name or stack trace, and never a setting's value (it may hold a password).
/// </summary>
internal static class FailureMessages
{
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            DatabaseSettingsException or AwsSettingsException or UsageException or StudentMetrics.Database.Sources.SourceRegistryException => e.Message,
            PostgresException pg => $"PostgreSQL refused: {pg.MessageText} (SQLSTATE {pg.SqlState}).",
            NpgsqlException { InnerException: SocketException or TimeoutException } or NpgsqlException { InnerException: IOException } =>
                $"cannot reach PostgreSQL: {Innermost(e).Message}. Is it running, and do Host and Port in {DatabaseSettings.ConnectionStringVariable} point at it?",
            NpgsqlException => $"PostgreSQL: {e.Message}",
            HttpRequestException http =>
                $"cannot reach the AWS endpoint: {Innermost(http).Message}. Check {AwsSettings.EndpointVariable} (the local stack: 'make run' starts one) or the network.",
            AmazonServiceException aws => $"AWS answered {aws.ErrorCode ?? ((int)aws.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)}: {aws.Message}",
            AmazonClientException client => $"AWS client: {client.Message}",
            AwsServiceException aws => aws.Message,
            InvalidDataException or IOException or UnauthorizedAccessException => e.Message,
            _ => $"failed: {e.Message} (set {CommandLine.DebugVariable}=1 to see where)",
        };
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }
}
