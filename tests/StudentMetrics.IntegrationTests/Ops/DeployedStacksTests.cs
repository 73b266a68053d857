using System.Text.Json;
using StudentMetrics.IntegrationTests.Infrastructure;

namespace StudentMetrics.IntegrationTests.Ops;

/// <summary>
/// The stacks of ops/cloudformation as the local stack deployed them through CloudFormation, checked through the
/// emulator's own APIs for what the templates promise: the bucket's protection and lifecycle, the queue's DLQ and
/// notification, the function wiring, and alarms that page on-call.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class DeployedStacksTests(LocalStack stack)
{
    // Each aws CLI call starts Python: the stacks are described once per process.
    private static DeployedStacks? _described;
    private readonly DeployedStacks _deployed = _described ??= new DeployedStacks(stack);
    private readonly AwsCli _aws = stack.Cli();
    private readonly string _bucket = stack.Bucket;

    [Theory]
    [InlineData("bootstrap")]
    [InlineData("storage")]
    [InlineData("pipeline")]
    [InlineData("monitoring")]
    public void Every_stack_is_created(string name)
    {
        _deployed.StackStatus(name).ShouldBe("CREATE_COMPLETE");
    }

    [Fact]
    public void The_bucket_is_encrypted_with_the_stacks_own_customer_key()
    {
        var rule = _aws.Json("s3api", "get-bucket-encryption", "--bucket", _bucket)
            .GetProperty("ServerSideEncryptionConfiguration").GetProperty("Rules")[0].GetProperty("ApplyServerSideEncryptionByDefault");

        rule.GetProperty("SSEAlgorithm").GetString().ShouldBe("aws:kms");
        rule.GetProperty("KMSMasterKeyID").GetString().ShouldBe(_deployed.Output("storage", "DataKeyArn"));
        var key = _aws.Json("kms", "describe-key", "--key-id", _deployed.Output("storage", "DataKeyArn")).GetProperty("KeyMetadata");
        key.GetProperty("KeyManager").GetString().ShouldBe("CUSTOMER");
    }

    [Fact]
    public void The_bucket_is_versioned_and_blocks_every_kind_of_public_access()
    {
        _aws.Json("s3api", "get-bucket-versioning", "--bucket", _bucket).GetProperty("Status").GetString().ShouldBe("Enabled");

        var block = _aws.Json("s3api", "get-public-access-block", "--bucket", _bucket).GetProperty("PublicAccessBlockConfiguration");
        foreach (var setting in new[] { "BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets" })
        {
            block.GetProperty(setting).GetBoolean().ShouldBeTrue(setting);
        }
    }

    [Fact]
    public void Lifecycle_rules_move_every_prefix_to_colder_storage_and_expire_old_reports()
    {
        var rules = _aws.Json("s3api", "get-bucket-lifecycle-configuration", "--bucket", _bucket).GetProperty("Rules")
            .EnumerateArray().Where(r => r.GetProperty("Status").GetString() == "Enabled")
            .ToDictionary(r => r.TryGetProperty("Filter", out var f) && f.TryGetProperty("Prefix", out var p) ? p.GetString()! : "");

        StorageClasses(rules["raw/"]).ShouldBe(["STANDARD_IA", "GLACIER"]);
        rules["raw/"].TryGetProperty("Expiration", out _).ShouldBeFalse("raw uploads are kept: they are the lineage of every row");
        foreach (var prefix in new[] { "clean/", "rejects/", "quarantine/" })
        {
            StorageClasses(rules[prefix]).ShouldBe(["STANDARD_IA"], prefix);
        }

        StorageClasses(rules["archive/"]).ShouldBe(["DEEP_ARCHIVE"]);
        rules["reports/"].GetProperty("Expiration").GetProperty("Days").GetInt32().ShouldBe(400);
        rules[""].GetProperty("AbortIncompleteMultipartUpload").GetProperty("DaysAfterInitiation").GetInt32().ShouldBe(7);
    }

    [Fact]
    public void The_upload_queue_sends_what_fails_five_times_to_its_dead_letter_queue()
    {
        var attributes = _aws.Json("sqs", "get-queue-attributes", "--queue-url", _deployed.Output("storage", "UploadQueueUrl"),
            "--attribute-names", "RedrivePolicy", "VisibilityTimeout").GetProperty("Attributes");

        using var redrive = JsonDocument.Parse(attributes.GetProperty("RedrivePolicy").GetString()!);
        redrive.RootElement.GetProperty("deadLetterTargetArn").GetString().ShouldBe(_deployed.Output("storage", "UploadDeadLetterQueueArn"));
        redrive.RootElement.GetProperty("maxReceiveCount").GetInt32().ShouldBe(5);
        int.Parse(attributes.GetProperty("VisibilityTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThanOrEqualTo(6 * 300, "six times the clean function's timeout");
    }

    [Fact]
    public void Uploads_under_raw_and_only_there_notify_the_upload_queue()
    {
        var queue = _aws.Json("s3api", "get-bucket-notification-configuration", "--bucket", _bucket)
            .GetProperty("QueueConfigurations").EnumerateArray().ShouldHaveSingleItem();

        queue.GetProperty("QueueArn").GetString().ShouldBe(_deployed.Output("storage", "UploadQueueArn"));
        queue.GetProperty("Events").EnumerateArray().Select(e => e.GetString()).ShouldBe(["s3:ObjectCreated:*"]);
        var rule = queue.GetProperty("Filter").GetProperty("Key").GetProperty("FilterRules").EnumerateArray().ShouldHaveSingleItem();
        rule.GetProperty("Name").GetString()!.ToLowerInvariant().ShouldBe("prefix");
        rule.GetProperty("Value").GetString().ShouldBe("raw/");
    }

    [Fact]
    public void The_upload_queue_feeds_the_clean_function_with_partial_batch_responses()
    {
        var mapping = _aws.Json("lambda", "list-event-source-mappings", "--function-name", _deployed.Output("pipeline", "CleanFunctionName"))
            .GetProperty("EventSourceMappings").EnumerateArray().ShouldHaveSingleItem();

        mapping.GetProperty("EventSourceArn").GetString().ShouldBe(_deployed.Output("storage", "UploadQueueArn"));
        mapping.GetProperty("FunctionResponseTypes").EnumerateArray().Select(t => t.GetString()).ShouldBe(["ReportBatchItemFailures"]);
    }

    [Fact]
    public void Clean_and_migrate_run_the_same_image_told_apart_by_their_settings()
    {
        var clean = Configuration(_deployed.Output("pipeline", "CleanFunctionName"));
        var migrate = Configuration(_deployed.Output("pipeline", "MigrateFunctionName"));

        Variable(clean, "STUDENT_METRICS_FUNCTION").ShouldBe("clean");
        Variable(migrate, "STUDENT_METRICS_FUNCTION").ShouldBe("migrate");
        Variable(clean, "STUDENT_METRICS_BUCKET").ShouldBe(_bucket);
        Variable(migrate, "STUDENT_METRICS_DB_SECRET_ARN").ShouldBe(_deployed.Output("pipeline", "OwnerSecretArn"));
        clean.GetProperty("Environment").GetProperty("Variables").TryGetProperty("STUDENT_METRICS_DB_SECRET_ARN", out _)
            .ShouldBeFalse("cleaning never touches the database");
        clean.GetProperty("Timeout").GetInt32().ShouldBe(300);
        clean.GetProperty("MemorySize").GetInt32().ShouldBe(1024);

        var owner = _aws.Json("secretsmanager", "get-secret-value", "--secret-id", _deployed.Output("pipeline", "OwnerSecretArn"));
        using var credentials = JsonDocument.Parse(owner.GetProperty("SecretString").GetString()!);
        credentials.RootElement.GetProperty("username").GetString().ShouldBe("student_metrics_owner");
        credentials.RootElement.GetProperty("host").GetString().ShouldBe("127.0.0.1");
        credentials.RootElement.GetProperty("password").GetString()!.Length.ShouldBe(40);
    }

    [Fact]
    public void Every_alarm_pages_the_on_call_topic_and_links_its_runbook_entry()
    {
        var topic = _deployed.Output("monitoring", "AlarmTopicArn");
        var alarms = _aws.Json("cloudwatch", "describe-alarms", "--alarm-name-prefix", DeployedStacks.Prefix + "-")
            .GetProperty("MetricAlarms").EnumerateArray().ToDictionary(a => a.GetProperty("AlarmName").GetString()!);

        alarms.Keys.Select(k => k[(DeployedStacks.Prefix.Length + 1)..]).ShouldBe(
        [
            "clean-errors", "files-failed", "clean-throttles", "clean-duration-near-timeout", "uploads-dlq-not-empty",
            "uploads-oldest-message-age", "files-quarantined", "reject-ratio-high", "cleaned-not-loaded",
        ], ignoreOrder: true);
        foreach (var (name, alarm) in alarms)
        {
            alarm.GetProperty("AlarmActions").EnumerateArray().Select(a => a.GetString()).ShouldBe([topic], name);
            alarm.GetProperty("OKActions").EnumerateArray().Select(a => a.GetString()).ShouldBe([topic], name);
            alarm.GetProperty("AlarmDescription").GetString().ShouldEndWith(
                DeployedStacks.RepositoryUrl + "/ops/RUNBOOK.md#" + name[(DeployedStacks.Prefix.Length + 1)..]);
        }

        alarms[DeployedStacks.Prefix + "-cleaned-not-loaded"].GetProperty("TreatMissingData").GetString().ShouldBe("notBreaching");
        alarms[DeployedStacks.Prefix + "-files-failed"].GetProperty("MetricName").GetString().ShouldBe("FilesFailed");
        alarms[DeployedStacks.Prefix + "-files-quarantined"].GetProperty("Namespace").GetString().ShouldBe("StudentMetrics");
    }

    [Fact]
    public void The_on_call_address_is_subscribed_to_the_topic()
    {
        var subscription = _aws.Json("sns", "list-subscriptions-by-topic", "--topic-arn", _deployed.Output("monitoring", "AlarmTopicArn"))
            .GetProperty("Subscriptions").EnumerateArray().ShouldHaveSingleItem();

        subscription.GetProperty("Protocol").GetString().ShouldBe("email");
        subscription.GetProperty("Endpoint").GetString().ShouldBe(DeployedStacks.OnCallEmail);
    }

    [Theory]
    [InlineData("glue-job-failed", "Glue Job State Change")]
    [InlineData("glue-crawler-failed", "Glue Crawler State Change")]
    public void Glue_failures_reach_the_on_call_topic_through_EventBridge(string rule, string detailType)
    {
        var name = $"{DeployedStacks.Prefix}-{rule}";
        using var pattern = JsonDocument.Parse(_aws.Json("events", "describe-rule", "--name", name).GetProperty("EventPattern").GetString()!);
        pattern.RootElement.GetProperty("detail-type")[0].GetString().ShouldBe(detailType);

        var target = _aws.Json("events", "list-targets-by-rule", "--rule", name).GetProperty("Targets").EnumerateArray().ShouldHaveSingleItem();
        target.GetProperty("Arn").GetString().ShouldBe(_deployed.Output("monitoring", "AlarmTopicArn"));
    }

    private JsonElement Configuration(string function) =>
        _aws.Json("lambda", "get-function-configuration", "--function-name", function);

    private static string Variable(JsonElement configuration, string name) =>
        configuration.GetProperty("Environment").GetProperty("Variables").GetProperty(name).GetString()!;

    private static List<string> StorageClasses(JsonElement rule) =>
        rule.GetProperty("Transitions").EnumerateArray().Select(t => t.GetProperty("StorageClass").GetString()!).ToList();
}
