using System.Text.Json;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>ops/cloudformation/source.yaml: a source's upload role writes under its own raw/ folder and nowhere else.</summary>
[Collection(StackCollection.Name)]
public sealed class SourceUploadRoleTests(LocalStack stack)
{
    private readonly CloudFormationTemplate _template = CloudFormationTemplate.LoadAll(stack.Repository).Single(t => t.Name == "source.yaml");

    [Fact]
    public void The_only_writes_the_role_may_make_are_under_raw_SOURCE()
    {
        var writes = Statements().Where(s => Actions(s).Any(a => a is "s3:PutObject" or "s3:DeleteObject" or "s3:AbortMultipartUpload" || a.StartsWith("s3:Put", StringComparison.Ordinal))).ToList();

        writes.ShouldHaveSingleItem();
        Resources(writes[0]).ShouldBe(["${BucketArn}/raw/${SourceName}/*"]);
        Statements().SelectMany(Actions).ShouldNotContain("s3:DeleteObject", "a source never removes a file: a new version replaces it");
    }

    [Fact]
    public void What_it_may_read_and_list_is_its_own_folders_only()
    {
        foreach (var statement in Statements().Where(s => Actions(s).Contains("s3:GetObject")))
        {
            Resources(statement).ShouldAllBe(r => r.Contains("/${SourceName}/", StringComparison.Ordinal));
        }

        var listing = Statements().Single(s => Actions(s).Contains("s3:ListBucket"));
        listing.GetProperty("Condition").GetProperty("StringLike").GetProperty("s3:prefix").EnumerateArray()
            .Select(p => p.GetProperty("Fn::Sub").GetString()!)
            .ShouldAllBe(p => p.Contains("/${SourceName}/", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_named_uploader_may_take_the_role_and_only_with_the_agreed_external_id()
    {
        var trust = Role().GetProperty("AssumeRolePolicyDocument").GetProperty("Statement").EnumerateArray().ShouldHaveSingleItem();

        trust.GetProperty("Principal").GetProperty("AWS").GetProperty("Ref").GetString().ShouldBe("UploaderPrincipalArn");
        trust.GetProperty("Condition").GetProperty("StringEquals").GetProperty("sts:ExternalId").GetProperty("Ref").GetString().ShouldBe("UploaderExternalId");
    }

    private JsonElement Role() => _template.Resources.Single(r => r.Type == "AWS::IAM::Role").Properties;

    private IEnumerable<JsonElement> Statements() =>
        Role().GetProperty("Policies").EnumerateArray().SelectMany(p => p.GetProperty("PolicyDocument").GetProperty("Statement").EnumerateArray());

    private static IEnumerable<string> Actions(JsonElement statement) =>
        statement.GetProperty("Action") is { ValueKind: JsonValueKind.Array } many ? many.EnumerateArray().Select(a => a.GetString()!) : [statement.GetProperty("Action").GetString()!];

    /// <summary>The resource patterns (the first argument of each Fn::Sub), with the bucket as ${BucketArn}.</summary>
    private static List<string> Resources(JsonElement statement)
    {
        var resource = statement.GetProperty("Resource");
        var all = resource.ValueKind == JsonValueKind.Array ? resource.EnumerateArray().ToList() : [resource];
        return all.Select(r => r.GetProperty("Fn::Sub")[0].GetString()!).ToList();
    }
}
