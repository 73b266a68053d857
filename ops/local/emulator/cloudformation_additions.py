"""The CloudFormation support moto 5.2 lacks for ops/cloudformation; importing this module installs it.

moto's CloudFormation (5.2.1) creates an AWS::S3::Bucket with its encryption only, and does not know
AWS::CloudWatch::Alarm, AWS::SNS::Subscription, AWS::SQS::QueuePolicy, AWS::SecretsManager::Secret or any
AWS::Glue resource: it skips them with a warning, so nothing that references them can be deployed after them
(an export naming a skipped Glue job is missing, the monitoring stack's import fails). This server teaches it:

  applied through moto's own service backends, so the emulator's APIs show them:
    AWS::S3::Bucket            VersioningConfiguration, PublicAccessBlockConfiguration, LifecycleConfiguration,
                               NotificationConfiguration (QueueConfigurations), on top of moto's own handling
    AWS::KMS::Key              KeyPolicy passed as the JSON text the KMS API takes (moto stores the object, and
                               DescribeKey then fails)
    AWS::CloudWatch::Alarm     put_metric_alarm, single metric or metric math
    AWS::SNS::Subscription     subscribe
    AWS::SQS::QueuePolicy      the queues' Policy attribute
    AWS::SecretsManager::Secret  create_secret (SecretStringTemplate plus a generated password)
  created by moto but kept from acting:
    AWS::Lambda::EventSourceMapping  moto would invoke its own stand-in of the function for each message sent to
                               the queue (and fail: the function is a container image); locally the product's host
                               polls the queue instead, as Lambda's mapping does in AWS
  recorded under their name only (Ref works, nothing is created; the test says so):
    AWS::Glue::*, AWS::IAM::OIDCProvider, AWS::SNS::TopicPolicy,
    AWS::S3::BucketPolicy (moto would enforce a Principal "*" Deny while ignoring its TLS condition, denying all)

The mapping is a straight copy of each property onto the API call CloudFormation itself makes for it: every
value comes from the template being deployed, none is written here.
"""
import json
import secrets
import string
import sys

from moto.cloudwatch.models import Dimension, Metric, MetricDataQuery, MetricStat, cloudwatch_backends
from moto.core.common_models import CloudFormationModel
from moto.kms.models import Key
from moto.s3.models import FakeBucket, s3_backends
from moto.secretsmanager.models import secretsmanager_backends
from moto.sns.models import sns_backends
from moto.sqs.models import Queue, sqs_backends

PARTITION = "aws"


def _s3(account_id):
    return s3_backends[account_id][PARTITION]


# ---------------------------------------------------------------------------------------------- S3 bucket
def _lifecycle_rule(rule):
    api = {"ID": rule.get("Id"), "Status": rule["Status"]}
    if "Prefix" in rule:
        api["Filter"] = {"Prefix": rule["Prefix"]}
    elif "Filter" not in rule:
        api["Filter"] = {"Prefix": ""}  # CloudFormation sends an empty filter for a whole-bucket rule
    transitions = [{"Days": t["TransitionInDays"], "StorageClass": t["StorageClass"]} for t in rule.get("Transitions", [])]
    if transitions:
        api["Transition"] = transitions
    if "ExpirationInDays" in rule:
        api["Expiration"] = {"Days": rule["ExpirationInDays"]}
    nvt = [{"NoncurrentDays": t["TransitionInDays"], "StorageClass": t["StorageClass"]}
           for t in rule.get("NoncurrentVersionTransitions", [])]
    if nvt:
        api["NoncurrentVersionTransition"] = nvt
    if "NoncurrentVersionExpiration" in rule:
        api["NoncurrentVersionExpiration"] = {"NoncurrentDays": rule["NoncurrentVersionExpiration"]["NoncurrentDays"]}
    if "AbortIncompleteMultipartUpload" in rule:
        api["AbortIncompleteMultipartUpload"] = {
            "DaysAfterInitiation": rule["AbortIncompleteMultipartUpload"]["DaysAfterInitiation"]}
    return api


def _queue_notification(config):
    api = {"Queue": config["Queue"], "Event": [config["Event"]]}
    rules = config.get("Filter", {}).get("S3Key", {}).get("Rules")
    if rules:
        api["Filter"] = {"S3Key": {"FilterRule": [{"Name": r["Name"], "Value": r["Value"]} for r in rules]}}
    return api


_moto_create_bucket = FakeBucket.create_from_cloudformation_json.__func__


def _create_bucket(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    bucket = _moto_create_bucket(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)
    properties = cloudformation_json.get("Properties", {})
    backend = _s3(account_id)
    if "VersioningConfiguration" in properties:
        backend.put_bucket_versioning(bucket.name, properties["VersioningConfiguration"]["Status"])
    if "PublicAccessBlockConfiguration" in properties:
        block = properties["PublicAccessBlockConfiguration"]
        backend.put_public_access_block(bucket.name, {k: str(v).lower() for k, v in block.items()})
    if "LifecycleConfiguration" in properties:
        backend.put_bucket_lifecycle(bucket.name, [_lifecycle_rule(r) for r in properties["LifecycleConfiguration"]["Rules"]])
    queues = properties.get("NotificationConfiguration", {}).get("QueueConfigurations", [])
    if queues:
        backend.put_bucket_notification_configuration(
            bucket.name, {"QueueConfiguration": [_queue_notification(q) for q in queues]})
    return bucket


FakeBucket.create_from_cloudformation_json = classmethod(_create_bucket)


# ---------------------------------------------------------------------------------------------- queue -> Lambda
_moto_add_message = Queue.add_message


def _add_message_without_invoking(self, message):
    mappings, self.lambda_event_source_mappings = self.lambda_event_source_mappings, {}
    try:
        return _moto_add_message(self, message)
    finally:
        self.lambda_event_source_mappings = mappings


Queue.add_message = _add_message_without_invoking


# ---------------------------------------------------------------------------------------------- KMS key
_moto_create_key = Key.create_from_cloudformation_json.__func__


def _create_key(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs):
    properties = cloudformation_json.get("Properties", {})
    if isinstance(properties.get("KeyPolicy"), dict):
        properties["KeyPolicy"] = json.dumps(properties["KeyPolicy"])
    return _moto_create_key(cls, resource_name, cloudformation_json, account_id, region_name, **kwargs)


Key.create_from_cloudformation_json = classmethod(_create_key)


# ---------------------------------------------------------------------------------------------- new resource types
class _Created:
    """Shared behaviour; each resource type below also names CloudFormationModel as a direct base, which is how
    moto finds the types it supports."""

    def __init__(self, physical_id, attributes=None):
        self._physical_id = physical_id
        self._attributes = attributes or {}

    @property
    def physical_resource_id(self):
        return self._physical_id

    @classmethod
    def has_cfn_attr(cls, attr):
        return True

    def get_cfn_attribute(self, attribute_name):
        return self._attributes.get(attribute_name, self._physical_id)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name, cloudformation_json,
                                        account_id, region_name):
        return cls.create_from_cloudformation_json(new_resource_name, cloudformation_json, account_id, region_name)

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id, region_name):
        return None

    def is_created(self):
        return True

    @staticmethod
    def cloudformation_name_type():
        return ""


def _resource_type(type_name, create):
    members = {
        "cloudformation_type": staticmethod(lambda: type_name),
        "create_from_cloudformation_json": classmethod(
            lambda cls, resource_name, cloudformation_json, account_id, region_name, **kwargs:
            create(cls, resource_name, cloudformation_json.get("Properties", {}), account_id, region_name)),
    }
    return type(type_name.replace("::", ""), (_Created, CloudFormationModel), members)


def _alarm(cls, resource_name, p, account_id, region_name):
    def dims(ds):
        return [Dimension(name=d["Name"], value=d["Value"]) for d in ds or []]

    queries = None
    if "Metrics" in p:
        queries = []
        for m in p["Metrics"]:
            stat = None
            if "MetricStat" in m:
                s = m["MetricStat"]
                stat = MetricStat(metric=Metric(metric_name=s["Metric"]["MetricName"], namespace=s["Metric"]["Namespace"],
                                                dimensions=dims(s["Metric"].get("Dimensions"))),
                                  period=s["Period"], stat=s["Stat"], unit=s.get("Unit"))
            queries.append(MetricDataQuery(query_id=m["Id"], label=m.get("Label"), period=m.get("Period"),
                                           return_data=m.get("ReturnData"), expression=m.get("Expression"), metric_stat=stat))
    name = p.get("AlarmName", resource_name)
    alarm = cloudwatch_backends[account_id][region_name].put_metric_alarm(
        name=name, namespace=p.get("Namespace"), metric_name=p.get("MetricName"),
        comparison_operator=p["ComparisonOperator"], evaluation_periods=int(p["EvaluationPeriods"]),
        period=p.get("Period"), threshold=float(p["Threshold"]), statistic=p.get("Statistic"),
        description=p.get("AlarmDescription"), dimensions=p.get("Dimensions", []),
        alarm_actions=p.get("AlarmActions", []), metric_data_queries=queries,
        datapoints_to_alarm=int(p["DatapointsToAlarm"]) if "DatapointsToAlarm" in p else None,
        ok_actions=p.get("OKActions", []), insufficient_data_actions=p.get("InsufficientDataActions", []),
        treat_missing_data=p.get("TreatMissingData"))
    return cls(name, {"Arn": alarm.alarm_arn})


def _subscription(cls, resource_name, p, account_id, region_name):
    subscription = sns_backends[account_id][region_name].subscribe(p["TopicArn"], p["Endpoint"], p["Protocol"])
    return cls(subscription.arn)


def _queue_policy(cls, resource_name, p, account_id, region_name):
    backend = sqs_backends[account_id][region_name]
    for url in p["Queues"]:
        backend.set_queue_attributes(url.rstrip("/").split("/")[-1], {"Policy": json.dumps(p["PolicyDocument"])})
    return cls(resource_name)


def _secret(cls, resource_name, p, account_id, region_name):
    generate = p.get("GenerateSecretString")
    value = p.get("SecretString")
    if generate:
        alphabet = [c for c in string.ascii_letters + string.digits + string.punctuation
                    if c not in generate.get("ExcludeCharacters", "")]
        password = "".join(secrets.choice(alphabet) for _ in range(int(generate.get("PasswordLength", 32))))
        document = json.loads(generate.get("SecretStringTemplate", "{}"))
        document[generate["GenerateStringKey"]] = password
        value = json.dumps(document)
    backend = secretsmanager_backends[account_id][region_name]
    created = json.loads(backend.create_secret(
        name=p.get("Name", resource_name), secret_string=value, secret_binary=None, description=p.get("Description"),
        tags=p.get("Tags"), kms_key_id=p.get("KmsKeyId"), client_request_token=None, replica_regions=[],
        force_overwrite=False))
    return cls(created["ARN"])


def _recorded(cls, resource_name, p, account_id, region_name):
    for holder in (p, p.get("DatabaseInput", {}), p.get("ConnectionInput", {}), p.get("CsvClassifier", {})):
        if isinstance(holder, dict) and "Name" in holder:
            return cls(holder["Name"])
    return cls(resource_name)


_resource_type("AWS::CloudWatch::Alarm", _alarm)
_resource_type("AWS::SNS::Subscription", _subscription)
_resource_type("AWS::SQS::QueuePolicy", _queue_policy)
_resource_type("AWS::SecretsManager::Secret", _secret)
for _type in ("AWS::Glue::Database", "AWS::Glue::Classifier", "AWS::Glue::Crawler", "AWS::Glue::Connection",
              "AWS::Glue::Job", "AWS::Glue::Workflow", "AWS::Glue::Trigger", "AWS::IAM::OIDCProvider",
              "AWS::SNS::TopicPolicy", "AWS::S3::BucketPolicy"):
    _resource_type(_type, _recorded)
