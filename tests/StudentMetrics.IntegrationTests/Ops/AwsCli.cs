using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>
/// The aws CLI against one emulator endpoint. The SDK packages this repository may use cover S3 only; the CLI
/// covers CloudFormation, SQS, CloudWatch and the rest, and is what operators run anyway. The local AWS enforces
/// IAM, so every call is made with credentials: the administrator's, or a role's.
/// </summary>
public sealed class AwsCli(string endpoint, string repository, ImmutableCredentials credentials)
{
    public string Endpoint { get; } = endpoint;

    /// <summary>Runs `aws ARGS --output json` and returns its parsed output (an empty object when it prints nothing).</summary>
    public JsonElement Json(params string[] args)
    {
        var output = Run(["--endpoint-url", Endpoint, "--region", "us-east-1", "--output", "json", .. args]);
        return output.Trim().Length == 0 ? JsonDocument.Parse("{}").RootElement : JsonDocument.Parse(output).RootElement.Clone();
    }

    /// <summary>Runs a command (an ops/ script or aws) in the repository with the emulator's settings; returns stdout.</summary>
    public string Run(string[] command, string? file = null, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file ?? "aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        foreach (var arg in command)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AWS_ENDPOINT_URL"] = Endpoint;
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_ACCESS_KEY_ID"] = credentials.AccessKey;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = credentials.SecretKey;
        start.Environment.Remove("AWS_SESSION_TOKEN");
        if (credentials.UseToken)
        {
            start.Environment["AWS_SESSION_TOKEN"] = credentials.Token;
        }

        start.Environment["AWS_PAGER"] = ""; // CLI v2 would otherwise page long output
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.ShouldBe(0, $"{file ?? "aws"} {string.Join(' ', command)} failed: {error.Result}");
        return output;
    }
}
