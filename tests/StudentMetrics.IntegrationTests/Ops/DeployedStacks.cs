using System.Text.Json;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>
/// The four stacks of ops/cloudformation as the local stack deployed them into the local AWS through CloudFormation
/// (ops/local/emulator/deploy.py; emulator/cloudformation_additions.py lists what it adds to moto's CloudFormation),
/// read through the emulator's APIs as the administrator.
/// </summary>
public sealed class DeployedStacks(LocalStack stack)
{
    public const string Prefix = "student-metrics";
    public const string OnCallEmail = "on-call@localhost.example";
    public const string RepositoryUrl = "https://localhost.example/student-metrics";

    private readonly Dictionary<string, JsonElement> _described = [];

    public AwsCli Aws { get; } = stack.Cli();

    /// <summary>An output of one of the stacks (storage, pipeline, ...).</summary>
    public string Output(string name, string key) =>
        Describe(name).GetProperty("Outputs").EnumerateArray().Single(o => o.GetProperty("OutputKey").GetString() == key)
            .GetProperty("OutputValue").GetString()!;

    public string StackStatus(string name) => Describe(name).GetProperty("StackStatus").GetString()!;

    // Each aws CLI call starts Python; the stacks do not change after creation, so each is described once.
    private JsonElement Describe(string name)
    {
        lock (_described)
        {
            if (!_described.TryGetValue(name, out var description))
            {
                description = Aws.Json("cloudformation", "describe-stacks", "--stack-name", $"{Prefix}-{name}").GetProperty("Stacks")[0];
                _described[name] = description;
            }

            return description;
        }
    }
}
