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
            "clean-errors", "files-failed", "clean-throttles", "clean-duration-near-timeout", "uploads-dlq-not-empty",
            "uploads-oldest-message-age", "files-quarantined", "reject-ratio-high", "cleaned-not-loaded",
            "glue-job-failed", "glue-crawler-failed",
        ];
        foreach (var name in expected)
        {
            alarms.ShouldContain(a => a.Contains("}-" + name + "\"", StringComparison.Ordinal), $"no alarm or rule named PREFIX-{name}");
            TemplatePolicy.RunbookAnchors(_runbook).ShouldContain(name);
        }
    }

    [Fact]
    public void The_execution_role_allows_what_CloudFormation_needs_for_every_resource_type_it_deploys()
    {
        TemplatePolicy.MissingDeployPermissions(_templates, HandlerPermissions(stack.Repository)).ShouldBeEmpty();
    }

    [Fact]
    public void Pull_requests_cannot_write_where_the_deploy_takes_its_templates_and_scripts()
    {
        var bootstrap = _templates.Single(t => t.Name == "bootstrap.yaml");

        var preview = TemplatePolicy.S3WriteLocations(bootstrap, "GitHubPreviewRole");
        var deploy = TemplatePolicy.S3WriteLocations(bootstrap, "GitHubDeployRole");

        preview.ShouldNotBeEmpty();
        preview.ShouldAllBe(location => location.EndsWith("/previews/*", StringComparison.Ordinal));
        deploy.ShouldContain(location => location.EndsWith("/templates/*", StringComparison.Ordinal));
        deploy.ShouldNotContain(location => location.Contains("/previews/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("cloudwatch.amazonaws.com")]
    [InlineData("events.amazonaws.com")]
    public void The_data_key_lets_alarms_and_rules_publish_to_the_encrypted_topic_as_AWS_documents(string service)
    {
        var statement = TemplatePolicy.StatementsForService(_templates.Single(t => t.Name == "storage.yaml"), service).ShouldHaveSingleItem();

        statement.GetProperty("Effect").GetString().ShouldBe("Allow");
        statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()).ShouldBe(["kms:Decrypt", "kms:GenerateDataKey"], ignoreOrder: true);
        statement.TryGetProperty("Condition", out _).ShouldBeFalse("SNS's key request on the service's behalf need not carry its source account");
    }

    [Fact]
    public void The_queue_hands_the_clean_function_one_file_at_a_time_in_AWS_and_on_a_laptop()
    {
        var mapping = _templates.Single(t => t.Name == "pipeline.yaml").Resources.Single(r => r.Type == "AWS::Lambda::EventSourceMapping").Properties;

        mapping.GetProperty("BatchSize").GetInt32().ShouldBe(1, "a slow file must not take the rest of its batch past the timeout with it");
        StudentMetrics.Hosting.Local.QueuePoller.BatchSize.ShouldBe(mapping.GetProperty("BatchSize").GetInt32());
    }

    [Fact]
    public void The_functions_are_offered_only_on_the_architecture_the_bootstrap_is_built_for()
    {
        var architecture = _templates.Single(t => t.Name == "pipeline.yaml").Root.GetProperty("Parameters").GetProperty("Architecture");
        var publish = File.ReadAllText(Path.Combine(stack.Repository, "lambda-image", "publish.sh"));

        publish.ShouldContain("-r linux-x64");
        architecture.GetProperty("AllowedValues").EnumerateArray().Select(v => v.GetString()).ShouldBe(["x86_64"]);
    }

    [Fact]
    public void A_resource_type_without_an_entry_and_a_handler_permission_the_role_lacks_are_both_reported()
    {
        var bootstrap = CloudFormationTemplate.FromJson("bootstrap.yaml", """
            { "Resources": { "CloudFormationExecutionRole": { "Type": "AWS::IAM::Role", "Properties": { "Policies": [ { "PolicyDocument": { "Statement": [
                { "Effect": "Allow", "Action": ["lambda:CreateEventSourceMapping", "lambda:*EventSourceMapping"], "Resource": "*" } ] } } ] } } } }
            """);
        var pipeline = CloudFormationTemplate.FromJson("pipeline.yaml", """
            { "Resources": { "Mapping": { "Type": "AWS::Lambda::EventSourceMapping", "Properties": {} },
                             "Thing": { "Type": "AWS::Example::Thing", "Properties": {} } } }
            """);
        using var permissions = System.Text.Json.JsonDocument.Parse("""
            { "types": { "AWS::Lambda::EventSourceMapping": { "create": ["lambda:CreateEventSourceMapping", "lambda:TagResource"],
                "update": ["lambda:UpdateEventSourceMapping"], "delete": ["lambda:DeleteEventSourceMapping"] } } }
            """);

        var violations = TemplatePolicy.MissingDeployPermissions([bootstrap, pipeline], permissions.RootElement).ToList();

        violations.Count.ShouldBe(2);
        violations.ShouldContain(v => v.Contains("AWS::Lambda::EventSourceMapping create needs 'lambda:TagResource'", StringComparison.Ordinal));
        violations.ShouldContain(v => v.Contains("AWS::Example::Thing has no entry", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_resource_of_a_type_without_a_condition_is_reported_unless_AWS_offers_nothing_narrower()
    {
        var template = Template("""
            { "Resources": { "Role": { "Type": "AWS::IAM::Role", "Properties": { "Policies": [ { "PolicyDocument": { "Statement": [
                { "Sid": "AnyLogGroup", "Effect": "Allow", "Action": ["logs:DeleteLogGroup", "logs:DescribeLogGroups"], "Resource": { "Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*" } },
                { "Sid": "TaggedKeys", "Effect": "Allow", "Action": "kms:PutKeyPolicy", "Resource": { "Fn::Sub": "arn:${AWS::Partition}:kms:${AWS::Region}:${AWS::AccountId}:key/*" },
                  "Condition": { "StringEquals": { "aws:ResourceTag/product": "x" } } },
                { "Sid": "Named", "Effect": "Allow", "Action": "logs:DeleteLogGroup", "Resource": { "Fn::Sub": "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/x-*" } } ] } } ] } } } }
            """);

        var violation = TemplatePolicy.UnscopedResources(template).ShouldHaveSingleItem();

        violation.ShouldContain("[AnyLogGroup]");
        violation.ShouldContain("'logs:DeleteLogGroup'");
    }

    [Fact]
    public void An_alarm_that_breaches_on_missing_data_is_reported()
    {
        var template = Template("""
            { "Resources": { "Quiet": { "Type": "AWS::CloudWatch::Alarm", "Properties": {
                "TreatMissingData": "breaching", "DatapointsToAlarm": 1, "AlarmActions": ["arn:aws:sns:us-east-1:111122223333:t"] } } } }
            """);

        TemplatePolicy.AlarmSettings(template).ShouldHaveSingleItem().ShouldContain("missing data is breaching");
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

    private static System.Text.Json.JsonElement HandlerPermissions(string repository)
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(repository, "ops", "cloudformation", "handler-permissions.json")));
        return document.RootElement.Clone();
    }
}
