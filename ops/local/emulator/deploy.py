#!/usr/bin/env python3
"""Brings the local AWS (server.py, just started) to what the templates make in a new account: an administrator
(the only unauthorised calls), then IAM enforcement on, then the bootstrap, storage, pipeline and monitoring
stacks of ops/cloudformation, created through CloudFormation by that administrator. Prints the settings of the
result as shell export lines (ops/local/stack.sh appends them to stack.env).

    deploy.py ENDPOINT DATABASE_PORT

One Python process with boto3 (which moto brings): the aws CLI would start Python once per call.
"""
import json
import os
import sys
import urllib.request

import boto3

PREFIX = "student-metrics"
TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "cloudformation")
ADMINISTRATOR_POLICY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def client(endpoint, service, key_id, secret):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id=key_id, aws_secret_access_key=secret)


def create_administrator(endpoint):
    iam = client(endpoint, "iam", "bootstrap", "bootstrap")
    iam.create_user(UserName="local-administrator")
    iam.put_user_policy(UserName="local-administrator", PolicyName="administrator",
                        PolicyDocument=json.dumps(ADMINISTRATOR_POLICY))
    key = iam.create_access_key(UserName="local-administrator")["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def enforce_iam(endpoint):
    request = urllib.request.Request(endpoint + "/moto-api/reset-auth", data=b"0", method="POST",
                                     headers={"Content-Type": "text/plain"})
    urllib.request.urlopen(request).read()


def create_stack(cloudformation, stack, **parameters):
    with open(os.path.join(TEMPLATES, stack + ".yaml"), encoding="utf-8") as template:
        body = template.read()
    name = f"{PREFIX}-{stack}"
    cloudformation.create_stack(
        StackName=name, TemplateBody=body, Capabilities=["CAPABILITY_NAMED_IAM"],
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()])
    # moto creates the stack before create_stack returns.
    description = cloudformation.describe_stacks(StackName=name)["Stacks"][0]
    if description["StackStatus"] != "CREATE_COMPLETE":
        sys.exit(f"deploy: {name} is {description['StackStatus']}")
    return {o["OutputKey"]: o["OutputValue"] for o in description.get("Outputs", [])}


def main(endpoint, database_port):
    key_id, secret = create_administrator(endpoint)
    enforce_iam(endpoint)
    cloudformation = client(endpoint, "cloudformation", key_id, secret)
    create_stack(cloudformation, "bootstrap", GitHubRepository="local/student-metrics")
    storage = create_stack(cloudformation, "storage")
    create_stack(cloudformation, "pipeline", ImageTag="local", DatabaseHost="127.0.0.1", DatabasePort=database_port,
                 VpcId="vpc-0000000000local", PrivateSubnetIds="subnet-0000000000local",
                 GlueSubnetAvailabilityZone="us-east-1a")
    create_stack(cloudformation, "monitoring", OnCallEmail="on-call@localhost.example",
                 RepositoryUrl="https://localhost.example/student-metrics")
    iam = client(endpoint, "iam", key_id, secret)

    def role(name):
        return iam.get_role(RoleName=f"{PREFIX}-{name}")["Role"]["Arn"]

    settings = {
        "AWS_ACCESS_KEY_ID": key_id,
        "AWS_SECRET_ACCESS_KEY": secret,
        "STUDENT_METRICS_BUCKET": storage["DataBucketName"],
        "STUDENT_METRICS_UPLOAD_QUEUE_URL": storage["UploadQueueUrl"],
        "STUDENT_METRICS_CLEAN_ROLE_ARN": role("clean"),
        "STUDENT_METRICS_LOAD_ROLE_ARN": role("glue"),
        "STUDENT_METRICS_MIGRATE_ROLE_ARN": role("migrate"),
        "STUDENT_METRICS_DEPLOY_ROLE_ARN": role("github-deploy"),
    }
    for name, value in settings.items():
        print(f"export {name}='{value}'")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: deploy.py ENDPOINT DATABASE_PORT")
    main(sys.argv[1], sys.argv[2])
