using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>The rules of <see cref="TemplatePolicy"/>, applied to every template in ops/cloudformation.</summary>
[Collection(StackCollection.Name)]
public sealed class TemplatePolicyTests(LocalStack stack)
{
    private readonly IReadOnlyList<CloudFormationTemplate> _templates = CloudFormationTemplate.LoadAll(stack.Repository);
    private readonly string _runbook = File.ReadAllText(Path.Combine(stack.Repository, "ops", "RUNBOOK.md"));

    [Fact]
    public void No_IAM_statement_allows_a_wildcard_action()
    {
        _templates.SelectMany(TemplatePolicy.WildcardActions).ShouldBeEmpty();
    }

    [Fact]
    public void No_role_grants_a_scopable_action_on_every_resource()
    {
        _templates.SelectMany(TemplatePolicy.UnscopedResources).ShouldBeEmpty();
    }

    [Fact]
    public void Every_alarm_and_failure_rule_links_an_existing_runbook_entry()
    {
        _templates.SelectMany(t => TemplatePolicy.RunbookLinks(t, _runbook)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_alarm_notifies_and_says_what_missing_data_means()
    {
        _templates.SelectMany(TemplatePolicy.AlarmSettings).ShouldBeEmpty();
    }

    [Fact]
    public void The_templates_define_every_alarm_the_runbook_describes()
    {
        var alarms = _templates.SelectMany(t => t.Resources)
            .Where(r => r.Type is "AWS::CloudWatch::Alarm" or "AWS::Events::Rule")
            .Select(r => r.Properties.TryGetProperty("AlarmName", out var n) ? n.GetRawText() : r.Properties.GetProperty("Name").GetRawText())
            .ToList();
        string[] expected =
        [
            "clean-errors", "clean-throttles", "clean-duration-near-timeout", "uploads-dlq-not-empty",
            "uploads-oldest-message-age", "files-quarantined", "reject-ratio-high", "load-freshness",
            "glue-job-failed", "glue-crawler-failed",
        ];
        foreach (var name in expected)
        {
            alarms.ShouldContain(a => a.Contains("}-" + name + "\"", StringComparison.Ordinal), $"no alarm or rule named PREFIX-{name}");
            TemplatePolicy.RunbookAnchors(_runbook).ShouldContain(name);
        }
    }

    [Fact]
    public void A_wildcard_action_in_an_allow_is_reported_and_one_in_a_deny_is_not()
    {
        var template = Template("""
            { "Resources": {
              "Role": { "Type": "AWS::IAM::Role", "Properties": { "Policies": [ { "PolicyDocument": { "Statement": [
                { "Sid": "TooMuch", "Effect": "Allow", "Action": ["s3:GetObject", "s3:Put*"], "Resource": "arn:aws:s3:::b/*" },
                { "Sid": "Everything", "Effect": "Allow", "NotAction": "iam:*", "Resource": "arn:aws:s3:::b/*" } ] } } ] } },
              "Policy": { "Type": "AWS::S3::BucketPolicy", "Properties": { "PolicyDocument": { "Statement": [
                { "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*" } ] } } } } }
            """);

        var violations = TemplatePolicy.WildcardActions(template).ToList();

        violations.Count.ShouldBe(2);
        violations.ShouldContain(v => v.Contains("[TooMuch]", StringComparison.Ordinal) && v.Contains("'s3:Put*'", StringComparison.Ordinal));
        violations.ShouldContain(v => v.Contains("[Everything]", StringComparison.Ordinal) && v.Contains("NotAction", StringComparison.Ordinal));
    }

    [Fact]
    public void Resource_star_is_reported_unless_the_action_has_no_resource_scope()
    {
        var template = Template("""
            { "Resources": { "Role": { "Type": "AWS::IAM::Role", "Properties": { "Policies": [ { "PolicyDocument": { "Statement": [
                { "Sid": "Fine", "Effect": "Allow", "Action": "ecr:GetAuthorizationToken", "Resource": "*" },
                { "Sid": "Lazy", "Effect": "Allow", "Action": ["s3:GetObject", "cloudwatch:PutMetricData"], "Resource": ["*"] } ] } } ] } } } }
            """);

        var violation = TemplatePolicy.UnscopedResources(template).ShouldHaveSingleItem();

        violation.ShouldContain("[Lazy]");
        violation.ShouldContain("'s3:GetObject'");
    }

    [Fact]
    public void An_alarm_without_a_link_and_a_link_to_a_missing_entry_are_both_reported()
    {
        var template = Template("""
            { "Resources": {
              "Linked": { "Type": "AWS::CloudWatch::Alarm", "Properties": { "AlarmDescription": { "Fn::Sub": "x. Runbook: ${RepositoryUrl}/ops/RUNBOOK.md#clean-errors" } } },
              "Unlinked": { "Type": "AWS::CloudWatch::Alarm", "Properties": { "AlarmDescription": "something broke" } },
              "Dangling": { "Type": "AWS::Events::Rule", "Properties": { "Description": "y. Runbook: https://x/ops/RUNBOOK.md#no-such-entry" } } } }
            """);
        const string runbook = "# Runbook\n```\n## not-a-heading-in-code\n```\n## clean-errors\ntext\n";

        var violations = TemplatePolicy.RunbookLinks(template, runbook).ToList();

        violations.Count.ShouldBe(2);
        violations.ShouldContain(v => v.Contains("Unlinked", StringComparison.Ordinal) && v.Contains("no runbook link", StringComparison.Ordinal));
        violations.ShouldContain(v => v.Contains("Dangling", StringComparison.Ordinal) && v.Contains("#no-such-entry", StringComparison.Ordinal));
    }

    [Fact]
    public void Runbook_anchors_follow_GitHub_heading_slugs()
    {
        var anchors = TemplatePolicy.RunbookAnchors("## Replay: re-drive the dead-letter queue\n### clean-errors\n```\n## inside code\n```\n");

        anchors.ShouldBe(["replay-re-drive-the-dead-letter-queue", "clean-errors"], ignoreOrder: true);
    }

    private static CloudFormationTemplate Template(string json) => CloudFormationTemplate.FromJson("test.yaml", json);
}
