using System.Text.Json;
using System.Text.RegularExpressions;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>
/// The rules every template must keep: least-privilege IAM and alarms that tell on-call what to do.
/// Each method returns the violations it found, as sentences naming the template and resource.
/// </summary>
public static partial class TemplatePolicy
{
    /// <summary>
    /// Actions AWS offers no resource-level permission for, so an Allow may name them with Resource "*".
    /// Anything else with Resource "*" is a violation.
    /// </summary>
    public static readonly IReadOnlySet<string> ActionsWithoutResourceScope = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "kms:CreateKey",
        "ecr:GetAuthorizationToken",
        "cloudwatch:PutMetricData",
        "secretsmanager:GetRandomPassword",
        "glue:CreateClassifier", "glue:DeleteClassifier", "glue:GetClassifier", "glue:UpdateClassifier",
        "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces",
        "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
        "ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
        "ec2:DescribeVpcEndpoints", "ec2:DescribeRouteTables", "ec2:DescribeVpcAttribute",
    };

    /// <summary>Allow statements (identity or resource policies) whose Action has a wildcard, or that use NotAction.</summary>
    public static IEnumerable<string> WildcardActions(CloudFormationTemplate template)
    {
        foreach (var (where, statement) in Statements(template))
        {
            if (!IsAllow(statement))
            {
                continue; // a Deny with s3:* takes away (deny non-TLS); wildcards there only widen the protection
            }

            if (statement.TryGetProperty("NotAction", out _))
            {
                yield return $"{where}: Allow with NotAction grants everything else";
            }

            foreach (var action in Strings(statement, "Action").Where(a => a.Contains('*', StringComparison.Ordinal)))
            {
                yield return $"{where}: Allow with wildcard action '{action}'";
            }
        }
    }

    /// <summary>
    /// Actions granted on every resource of one type (an ARN such as <c>…:log-group:*</c> or <c>…:key/*</c>, no name in it)
    /// without a condition, because AWS offers nothing narrower for them; each says why. Anything else there is a violation.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ActionsOnEveryResourceOfAType = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["lambda:TagResource"] = "event source mappings have random ids and Lambda's tagging takes no function condition",
        ["lambda:UntagResource"] = "event source mappings have random ids and Lambda's tagging takes no function condition",
        ["lambda:ListTags"] = "event source mappings have random ids and Lambda's tagging takes no function condition",
        ["logs:DescribeLogGroups"] = "CloudWatch Logs authorises it against every log group of the region",
        ["ec2:CreateSecurityGroup"] = "the VPC is a parameter of the pipeline stack, unknown to the bootstrap stack",
    };

    /// <summary>
    /// Allow statements of identity policies (those without a Principal) with Resource "*" and no condition naming what
    /// they may touch (a tag, the function, a key alias), or with an ARN naming every resource of a type (…:log-group:*,
    /// …:key/*, …:security-group/*) and no condition, for an action that could be scoped. Resource policies are
    /// exempt: in a key policy "*" means the key itself.
    /// </summary>
    public static IEnumerable<string> UnscopedResources(CloudFormationTemplate template)
    {
        foreach (var (where, statement) in Statements(template).Where(s => !s.Statement.TryGetProperty("Principal", out _)))
        {
            if (!IsAllow(statement))
            {
                continue;
            }

            var resources = Strings(statement, "Resource");
            if (resources.Contains("*") && !ScopedByCondition(statement))
            {
                foreach (var action in Strings(statement, "Action").Where(a => !ActionsWithoutResourceScope.Contains(a)))
                {
                    yield return $"{where}: '{action}' on Resource \"*\" (it can be scoped to this stack's resources)";
                }
            }

            if (statement.TryGetProperty("Condition", out _))
            {
                continue;
            }

            foreach (var resource in resources.Where(r => EveryResourceOfAType().IsMatch(r)))
            {
                foreach (var action in Strings(statement, "Action").Where(a => !ActionsOnEveryResourceOfAType.ContainsKey(a)))
                {
                    yield return $"{where}: '{action}' on every resource of a type ({resource}) without a condition (scope it by name, tag or alias)";
                }
            }
        }
    }

    /// <summary>
    /// What CloudFormation's handlers need for each resource type the deployed stacks use (ops/cloudformation/
    /// handler-permissions.json) that the bootstrap stack's execution role does not allow; and types with no entry.
    /// </summary>
    public static IEnumerable<string> MissingDeployPermissions(IReadOnlyList<CloudFormationTemplate> templates, JsonElement handlerPermissions)
    {
        var bootstrap = templates.Single(t => t.Name == "bootstrap.yaml");
        var granted = Statements(bootstrap)
            .Where(s => s.Where.StartsWith("bootstrap.yaml CloudFormationExecutionRole/", StringComparison.Ordinal) && IsAllow(s.Statement))
            .SelectMany(s => Strings(s.Statement, "Action"))
            .ToList();
        var types = handlerPermissions.GetProperty("types");
        foreach (var (template, type) in templates.Where(t => t.Name != "bootstrap.yaml")
                     .SelectMany(t => t.Resources.Select(r => (t.Name, r.Type))).Distinct())
        {
            if (!types.TryGetProperty(type, out var entry))
            {
                yield return $"{template}: {type} has no entry in handler-permissions.json (what does CloudFormation's handler call?)";
                continue;
            }

            foreach (var handler in new[] { "create", "update", "delete" })
            {
                foreach (var action in entry.GetProperty(handler).EnumerateArray().Select(a => a.GetString()!))
                {
                    if (!granted.Any(g => ActionMatches(g, action)))
                    {
                        yield return $"{template}: {type} {handler} needs '{action}', which CloudFormationExecutionRole does not allow";
                    }
                }
            }
        }
    }

    /// <summary>Condition keys that name what an action on Resource "*" may touch (a tag, the function, the key alias).</summary>
    private static readonly string[] ScopingConditionKeys = ["aws:RequestTag/", "aws:ResourceTag/", "lambda:FunctionArn", "kms:ResourceAliases"];

    private static bool ScopedByCondition(JsonElement statement) =>
        statement.TryGetProperty("Condition", out var condition) && condition.ValueKind == JsonValueKind.Object
        && condition.EnumerateObject().SelectMany(o => o.Value.ValueKind == JsonValueKind.Object ? o.Value.EnumerateObject().Select(k => k.Name) : [])
            .Any(key => ScopingConditionKeys.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));

    private static bool ActionMatches(string pattern, string action) =>
        pattern.Contains('*', StringComparison.Ordinal)
            ? Regex.IsMatch(action, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase)
            : string.Equals(pattern, action, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The S3 locations (bucket/prefix patterns) one role of a template may write to (s3:PutObject), as their literal text.
    /// </summary>
    public static IReadOnlyList<string> S3WriteLocations(CloudFormationTemplate template, string roleLogicalId) =>
        Statements(template)
            .Where(s => s.Where.StartsWith($"{template.Name} {roleLogicalId}/", StringComparison.Ordinal) && IsAllow(s.Statement))
            .Where(s => Strings(s.Statement, "Action").Any(a => ActionMatches(a, "s3:PutObject")))
            .SelectMany(s => Strings(s.Statement, "Resource"))
            .ToList();

    /// <summary>Statements of a resource policy (KeyPolicy, PolicyDocument) whose Principal names the given service.</summary>
    public static IEnumerable<JsonElement> StatementsForService(CloudFormationTemplate template, string service) =>
        Statements(template)
            .Select(s => s.Statement)
            .Where(s => s.TryGetProperty("Principal", out var p) && p.ValueKind == JsonValueKind.Object
                && p.TryGetProperty("Service", out var svc) && (svc.ValueKind == JsonValueKind.Array ? svc.EnumerateArray().Select(Text) : [Text(svc)]).Contains(service));

    /// <summary>
    /// Every CloudWatch alarm, and every EventBridge rule that notifies on-call, must link an entry of the runbook
    /// (…RUNBOOK.md#anchor in its description), and that anchor must be a heading of the runbook.
    /// </summary>
    public static IEnumerable<string> RunbookLinks(CloudFormationTemplate template, string runbookMarkdown)
    {
        var anchors = RunbookAnchors(runbookMarkdown);
        foreach (var (id, type, properties) in template.Resources)
        {
            var field = type switch
            {
                "AWS::CloudWatch::Alarm" => "AlarmDescription",
                "AWS::Events::Rule" => "Description",
                _ => null,
            };
            if (field is null)
            {
                continue;
            }

            var description = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(field, out var d) ? Text(d) : "";
            var links = RunbookLink().Matches(description).Select(m => m.Groups[1].Value).ToList();
            if (links.Count == 0)
            {
                yield return $"{template.Name} {id}: {field} has no runbook link (…RUNBOOK.md#entry)";
            }

            foreach (var anchor in links.Where(a => !anchors.Contains(a)))
            {
                yield return $"{template.Name} {id}: runbook link #{anchor} matches no heading in ops/RUNBOOK.md";
            }
        }
    }

    /// <summary>Alarms must notify on-call and say what missing data means: no defaults left to chance.</summary>
    public static IEnumerable<string> AlarmSettings(CloudFormationTemplate template)
    {
        foreach (var (id, type, properties) in template.Resources.Where(r => r.Type == "AWS::CloudWatch::Alarm"))
        {
            if (!properties.TryGetProperty("TreatMissingData", out var missing))
            {
                yield return $"{template.Name} {id}: TreatMissingData is not set";
            }
            else if (missing.GetString() == "breaching")
            {
                yield return $"{template.Name} {id}: missing data is breaching, so it pages whenever nothing happens (a quiet weekend, a new deploy)";
            }

            if (!properties.TryGetProperty("DatapointsToAlarm", out _))
            {
                yield return $"{template.Name} {id}: DatapointsToAlarm is not set";
            }

            if (!properties.TryGetProperty("AlarmActions", out var actions) || actions.GetArrayLength() == 0)
            {
                yield return $"{template.Name} {id}: no AlarmActions";
            }
        }
    }

    /// <summary>GitHub's anchors for the runbook's headings: lower case, punctuation dropped, spaces as dashes.</summary>
    public static IReadOnlySet<string> RunbookAnchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var inCode = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }
            else if (!inCode && Heading().Match(line) is { Success: true } heading)
            {
                var text = NotAnchorCharacter().Replace(heading.Groups[1].Value.Trim().ToLowerInvariant(), "");
                anchors.Add(text.Replace(' ', '-'));
            }
        }

        return anchors;
    }

    private static bool IsAllow(JsonElement statement) =>
        statement.TryGetProperty("Effect", out var effect) && effect.GetString() == "Allow";

    /// <summary>Every policy statement in the template, with where it sits (template, resource, JSON path).</summary>
    private static IEnumerable<(string Where, JsonElement Statement)> Statements(CloudFormationTemplate template)
    {
        foreach (var (id, _, properties) in template.Resources)
        {
            if (properties.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var found in FindStatements(properties, $"{template.Name} {id}"))
            {
                yield return found;
            }
        }
    }

    private static IEnumerable<(string, JsonElement)> FindStatements(JsonElement node, string path)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in node.EnumerateObject())
            {
                var here = $"{path}/{property.Name}";
                if (property.Name == "Statement")
                {
                    var statements = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToList() : [property.Value];
                    foreach (var statement in statements)
                    {
                        var sid = statement.TryGetProperty("Sid", out var s) ? Text(s) : "";
                        yield return ($"{here}[{sid}]", statement);
                    }
                }
                else
                {
                    foreach (var found in FindStatements(property.Value, here))
                    {
                        yield return found;
                    }
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                foreach (var found in FindStatements(item, $"{path}[{i++}]"))
                {
                    yield return found;
                }
            }
        }
    }

    /// <summary>A statement field as strings: a string, a list of strings; intrinsic functions as their text.</summary>
    private static List<string> Strings(JsonElement statement, string field) =>
        !statement.TryGetProperty(field, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(Text).ToList()
        : [Text(value)];

    /// <summary>The literal text of a value: a string, or the template string of Fn::Sub, or the raw JSON.</summary>
    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Object when value.TryGetProperty("Fn::Sub", out var sub) =>
            sub.ValueKind == JsonValueKind.Array ? Text(sub[0]) : Text(sub),
        _ => value.GetRawText(),
    };

    [GeneratedRegex(@"(?:\$\{AWS::AccountId\}|:\d{12}):[A-Za-z-]+[:/]\*$")]
    private static partial Regex EveryResourceOfAType();

    [GeneratedRegex(@"RUNBOOK\.md#([A-Za-z0-9_-]+)")]
    private static partial Regex RunbookLink();

    [GeneratedRegex(@"^#{1,6}\s+(.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^a-z0-9 _-]")]
    private static partial Regex NotAnchorCharacter();
}
