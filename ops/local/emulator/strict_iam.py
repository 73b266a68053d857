"""Makes moto_server authorise every request as AWS would, once enforcement is on (see server.py).

moto 5.2 checks a caller's identity policies when INITIAL_NO_AUTH_ACTION_COUNT is reached, but forgives what
AWS does not (measured in the project's notes on the emulator). This module replaces its decision with
policy_evaluation.evaluate and adds the S3 rules AWS applies beyond the action itself:

- conditions are evaluated (s3:prefix, cloudwatch:namespace, aws:SecureTransport...; an absent key fails an Allow);
- GET or HEAD of a missing key is 403 AccessDenied unless the caller may s3:ListBucket on the bucket with no
  prefix condition, as S3 answers (404 NoSuchKey only to a caller who could list the bucket anyway);
- CopyObject needs s3:GetObject on the source as well as s3:PutObject on the target;
- a Secrets Manager request is authorised against the secret's ARN (moto uses "*");
- CloudWatch signs as "monitoring" but its IAM actions are "cloudwatch:*"; HeadBucket is s3:ListBucket.

sts:AssumeRole is allowed when the caller's policies allow it and the role exists; the role's trust policy names
AWS services (Lambda, Glue) or GitHub's OIDC provider, which the local stack stands in for, so it is not evaluated.
"""
from urllib.parse import quote, unquote, urlparse

from moto import settings
from moto.core.authorization import ActionAuthenticatorMixin
from moto.iam.models import Policy, iam_backends
from moto.s3.models import s3_backends
from moto.secretsmanager.models import secretsmanager_backends

from policy_evaluation import ALLOW, evaluate

_SIGNING_NAME_TO_IAM_PREFIX = {"monitoring": "cloudwatch"}
_ACTION_ALIASES = {"s3:HeadBucket": "s3:ListBucket", "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
                   "s3:PutPublicAccessBlock": "s3:PutBucketPublicAccessBlock"}


def _document(policy):
    if isinstance(policy, Policy):
        return next(v.document for v in policy.versions if v.is_default)
    if isinstance(policy, str):
        return policy
    if "policy_document" in policy:
        return policy["policy_document"]
    return policy  # an inline role policy CloudFormation stored as the document itself


def _iam_action(request):
    service, _, name = request._action.partition(":")
    action = f"{_SIGNING_NAME_TO_IAM_PREFIX.get(service, service)}:{name}"
    return _ACTION_ALIASES.get(action, action)


def _first(values):
    if isinstance(values, list):
        return values[0] if values else None
    return values


def _parameter(response, name):
    try:
        value = response._get_param(name)
    except Exception:  # a protocol whose parameters moto parses elsewhere
        value = None
    return value if value is not None else _first(getattr(response, "querystring", {}).get(name))


def _secret_arn(response, region):
    secret_id = _parameter(response, "SecretId")
    if not secret_id:
        return "*"
    backend = secretsmanager_backends[response.current_account][region]
    secret = backend.secrets.get(secret_id)
    return secret.arn if secret is not None else secret_id if secret_id.startswith("arn:") else "*"


def _context(response, action):
    context = {"aws:SecureTransport": "false"}
    if action in ("s3:ListBucket", "s3:ListBucketVersions"):
        prefix = _first(getattr(response, "querystring", {}).get("prefix"))
        if prefix is not None:
            context["s3:prefix"] = prefix
    elif action == "cloudwatch:PutMetricData":
        namespace = _parameter(response, "Namespace")
        if namespace is not None:
            context["cloudwatch:namespace"] = namespace
    return context


def _split_s3_arn(resource):
    path = resource.split(":::", 1)[1]
    bucket, _, key = path.partition("/")
    return bucket, key


def _object_exists(response, bucket, key):
    try:
        return s3_backends[response.current_account][response.partition].get_object(bucket, key) is not None
    except Exception:  # no such bucket: the request fails on its own
        return True


def _copy_source(response):
    source = response.headers.get("x-amz-copy-source")
    if not source:
        return None
    source = unquote(source.split("?", 1)[0]).lstrip("/")
    version = "versionId=" in response.headers.get("x-amz-copy-source")
    return source, version


def _s3_checks(response, request, documents, action, resource):
    partition = response.partition
    if action in ("s3:GetObject", "s3:GetObjectVersion") and "/" in resource.split(":::", 1)[1]:
        bucket, key = _split_s3_arn(resource)
        query = getattr(response, "querystring", {}) or {}
        if "uploadId" not in query and not _object_exists(response, bucket, key):
            listing = evaluate(documents, "s3:ListBucket", f"arn:{partition}:s3:::{bucket}", {"aws:SecureTransport": "false"})
            if listing != ALLOW:
                request._raise_access_denied()
    if action == "s3:PutObject":
        copy = _copy_source(response)
        if copy is not None:
            source, versioned = copy
            read = "s3:GetObjectVersion" if versioned else "s3:GetObject"
            if evaluate(documents, read, f"arn:{partition}:s3:::{source}", {"aws:SecureTransport": "false"}) != ALLOW:
                request._raise_access_denied()


def _assumable(response, request, role_arn):
    try:
        iam_backends[response.current_account][response.partition].get_role_by_arn(role_arn)
        return True
    except Exception:
        return False


def _encoded(text):
    return quote(unquote(text), safe="-_.~")


def _authorise(self, iam_request_cls, resource="*"):
    if ActionAuthenticatorMixin.request_count < settings.INITIAL_NO_AUTH_ACTION_COUNT:
        ActionAuthenticatorMixin.request_count += 1
        return
    if self.headers.get("X-Amz-Target") in ActionAuthenticatorMixin.PUBLIC_OPERATIONS:
        return
    # The canonical URI as SigV4 for S3 defines it (each segment encoded once, "+" as %2B); moto's check uses the path
    # as sent, which only matches clients that send "+" encoded (botocore does, the .NET SDK does not).
    parsed = urlparse(self.uri)
    path = quote(unquote(parsed.path), safe="/~")
    if parsed.query:
        pairs = (pair.partition("=") for pair in parsed.query.split("&"))
        path += "?" + "&".join(f"{_encoded(k)}={_encoded(v)}" for k, _, v in pairs)
    request = iam_request_cls(account_id=self.current_account, method=self.method, path=path, data=self.data,
                              body=self.raw_body, headers=self.headers, action=self._get_action())
    # A GET, HEAD or DELETE signs an empty payload; moto would sign its parsed parameters (REST APIs such as
    # Lambda's put path and query values there), which never matches.
    parameters = request._data
    if self.method in ("GET", "HEAD", "DELETE") and not self.raw_body:
        request._data = {}
    request.check_signature()
    request._data = parameters
    action = _iam_action(request)
    if action == "sts:GetCallerIdentity":
        return
    if action.startswith("secretsmanager:") and resource == "*":
        resource = _secret_arn(self, request._region)
    documents = [_document(p) for p in request._access_key.collect_policies()]
    if evaluate(documents, action, resource, _context(self, action)) != ALLOW:
        request._raise_access_denied()
    if action == "sts:AssumeRole" and not _assumable(self, request, resource):
        request._raise_access_denied()
    if action.startswith("s3:"):
        _s3_checks(self, request, documents, action, resource)


def install():
    ActionAuthenticatorMixin._authenticate_and_authorize_action = _authorise
