using System.Text.RegularExpressions;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>
/// What actionlint does not check: every action pinned to a full commit, a least-privilege token, and AWS
/// reached only through OIDC roles, in the workflows and the composite actions they call.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class WorkflowPolicyTests(LocalStack stack)
{
    [Fact]
    public void Every_action_is_local_or_pinned_to_a_full_commit_sha()
    {
        var uses = Files().SelectMany(f => Uses().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(Path.GetDirectoryName(f)) + "/" + Path.GetFileName(f), Action: m.Groups[1].Value))).ToList();

        uses.ShouldNotBeEmpty();
        uses.Where(u => !u.Action.StartsWith("./", StringComparison.Ordinal) && !Pinned().IsMatch(u.Action))
            .Select(u => $"{u.File}: {u.Action}").ShouldBeEmpty();
        uses.ShouldContain(u => u.Action.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal));
    }

    [Fact]
    public void Workflows_default_the_token_to_read_only_and_never_hold_AWS_keys()
    {
        foreach (var workflow in Directory.GetFiles(Path.Combine(stack.Repository, ".github", "workflows"), "*.yml"))
        {
            var text = File.ReadAllText(workflow);
            text.ShouldContain("\npermissions:\n  contents: read\n", Case.Sensitive, workflow);
            text.ShouldNotContain("write-all", Case.Sensitive, workflow);
        }

        foreach (var file in Files())
        {
            var text = File.ReadAllText(file);
            text.ShouldNotContain("aws-access-key-id", Case.Insensitive, file);
            text.ShouldNotContain("AWS_SECRET_ACCESS_KEY", Case.Insensitive, file);
        }
    }

    private IEnumerable<string> Files() =>
        Directory.GetFiles(Path.Combine(stack.Repository, ".github", "workflows"), "*.yml")
            .Concat(Directory.GetFiles(Path.Combine(stack.Repository, "ops", "github-actions"), "action.yml", SearchOption.AllDirectories));

    [GeneratedRegex(@"^\s*(?:-\s+)?uses:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex Uses();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")]
    private static partial Regex Pinned();
}
