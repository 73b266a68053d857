using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>
/// The four stacks of ops/cloudformation, created through CloudFormation in a moto_server of their own:
/// Ops/moto_cloudformation_server.py, which adds the resource types and bucket properties moto's CloudFormation
/// skips (its header lists them). Created once for the test class, stopped with it.
/// </summary>
public sealed class DeployedStacks : IDisposable
{
    public const string Prefix = "student-metrics";
    public const string OnCallEmail = "on-call@district.example";

    private readonly Process _server;
    private readonly Dictionary<string, JsonElement> _described = [];

    public DeployedStacks()
    {
        var repository = LocalStack.FindRepository();
        var port = FreePort();
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(repository, "tests", "StudentMetrics.IntegrationTests", "Ops", "moto_cloudformation_server.py"));
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _server = Process.Start(start)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        Aws = new AwsCli($"http://127.0.0.1:{port}", repository);
        WaitUntilAnswering();

        Create("bootstrap", "GitHubRepository=district/student-metrics");
        Create("storage");
        Create("pipeline", "ImageTag=0123456789abcdef", "DatabaseHost=db.district.example", "VpcId=vpc-0a1b2c3d",
            "PrivateSubnetIds=subnet-0a1b2c3d,subnet-4e5f6a7b", "GlueSubnetAvailabilityZone=us-east-1a");
        Create("monitoring", $"OnCallEmail={OnCallEmail}", "RepositoryUrl=https://github.com/district/student-metrics/blob/main");
    }

    public AwsCli Aws { get; }

    /// <summary>An output of one of the stacks (storage, pipeline, ...).</summary>
    public string Output(string stack, string key) =>
        Describe(stack).GetProperty("Outputs").EnumerateArray().Single(o => o.GetProperty("OutputKey").GetString() == key)
            .GetProperty("OutputValue").GetString()!;

    public string StackStatus(string stack) => Describe(stack).GetProperty("StackStatus").GetString()!;

    // Each aws CLI call starts Python; the stacks do not change after creation, so each is described once.
    private JsonElement Describe(string stack)
    {
        lock (_described)
        {
            if (!_described.TryGetValue(stack, out var description))
            {
                description = Aws.Json("cloudformation", "describe-stacks", "--stack-name", $"{Prefix}-{stack}").GetProperty("Stacks")[0];
                _described[stack] = description;
            }

            return description;
        }
    }

    public void Dispose()
    {
        try
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }
        finally
        {
            _server.Dispose();
        }
    }

    // moto creates a stack before create-stack returns, so no waiter is needed (the CLI's polls every 30 s).
    private void Create(string stack, params string[] parameters)
    {
        string[] args =
        [
            "cloudformation", "create-stack", "--stack-name", $"{Prefix}-{stack}",
            "--template-body", "file://" + Path.Combine("ops", "cloudformation", stack + ".yaml"),
            "--capabilities", "CAPABILITY_NAMED_IAM",
        ];
        if (parameters.Length > 0)
        {
            args = [.. args, "--parameters", JsonSerializer.Serialize(parameters.Select(p => new Dictionary<string, string>
            {
                ["ParameterKey"] = p[..p.IndexOf('=', StringComparison.Ordinal)],
                ["ParameterValue"] = p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..],
            }))];
        }

        Aws.Json(args);
    }

    private void WaitUntilAnswering()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 150; i++)
        {
            _server.HasExited.ShouldBeFalse("moto_cloudformation_server.py exited at start");
            try
            {
                http.GetAsync(new Uri(Aws.Endpoint + "/moto-api/data.json")).GetAwaiter().GetResult().EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException)
            {
                Thread.Sleep(200);
            }
            catch (TaskCanceledException)
            {
                Thread.Sleep(200);
            }
        }

        throw new InvalidOperationException("moto_cloudformation_server.py did not answer within 30 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
