"""Independent linters on the builder's documents, for every golden request without errors.

cfn-lint checks both roles as an AWS::IAM::Role template (trust policy, inline policies,
action names); parliament checks the identity policies. parliament reports every trust
policy as malformed (no Resource), so it never sees one. Run by scripts/test.sh with the
oracle tools installed in their own virtual environment.
"""

import json
import pathlib
import subprocess
import sys
import tempfile

import parliament

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT / "crates/iam-policy-core/tests/data"
CLI = ROOT / "target/release/iam-policy-builder"

# parliament's partition and region tables stop at these three; in the isolated and
# sovereign partitions it rejects every ARN as "unexpected partition", which says nothing
# about the policy. cfn-lint and the builder's own tests cover those.
PARLIAMENT_PARTITIONS = {"aws", "aws-cn", "aws-us-gov"}

# A finding we asked for: "Resource": "*" is what the every-secret scope means, and
# ListSecrets only works on "*". Anything else fails the run.
EXPECTED_PARLIAMENT = {"RESOURCE_STAR"}


def build(request_path):
    result = subprocess.run([CLI, "--compact"], stdin=request_path.open("rb"), capture_output=True, check=False)
    if result.returncode == 2:
        raise SystemExit(f"{request_path.name}: the CLI refused the request: {result.stderr.decode()}")
    return json.loads(result.stdout)


def partition_of(document):
    """The partition of a document's first ARN resource ("aws" when it has only "*")."""
    for statement in document["policy"]["Statement"]:
        for resource in [statement.get("Resource", [])] if isinstance(statement.get("Resource"), str) else statement.get("Resource", []):
            if resource.startswith("arn:"):
                return resource.split(":")[1]
    return "aws"


def template(documents):
    by_id = {d["id"]: d for d in documents}
    trust = by_id["task-role-trust-policy"]
    task_role = {"AssumeRolePolicyDocument": trust["policy"]}
    permissions = by_id.get("task-role-permissions-policy")
    if permissions:
        task_role["Policies"] = [
            {"PolicyName": permissions["placement"]["policyName"], "PolicyDocument": permissions["policy"]}
        ]
    resources = {"AgentTaskRole": {"Type": "AWS::IAM::Role", "Properties": task_role}}
    execution = by_id.get("execution-role-secrets-policy")
    if execution:
        resources["AgentTaskExecutionRole"] = {
            "Type": "AWS::IAM::Role",
            "Properties": {
                # The execution role trusts ECS tasks only; the builder does not write this one.
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                },
                "ManagedPolicyArns": execution["placement"]["managedPolicies"],
                "Policies": [
                    {"PolicyName": execution["placement"]["policyName"], "PolicyDocument": execution["policy"]}
                ],
            },
        }
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}


def main():
    passed, failures = 0, []
    for request_path in sorted(DATA.glob("*.request.json")):
        response = build(request_path)
        if any(p["severity"] == "error" for p in response["problems"]):
            continue
        name = request_path.name.removesuffix(".request.json")
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(template(response["documents"]), handle, indent=2)
        lint = subprocess.run(["cfn-lint", "--format", "parseable", "--", handle.name], capture_output=True, text=True, check=False)
        pathlib.Path(handle.name).unlink()
        findings = [line for line in lint.stdout.splitlines() if line.strip()]
        if lint.returncode != 0 or findings:
            failures.append(f"{name}: cfn-lint: " + "; ".join(findings or [lint.stderr.strip()]))
        for document in response["documents"]:
            if document["kind"] != "inline" or partition_of(document) not in PARLIAMENT_PARTITIONS:
                continue
            policy = parliament.analyze_policy_string(json.dumps(document["policy"]))
            unexpected = [f"{f.issue} {f.detail}" for f in policy.findings if f.issue not in EXPECTED_PARLIAMENT]
            if unexpected:
                failures.append(f"{name}: parliament on {document['id']}: " + "; ".join(unexpected))
        passed += 1
    for failure in failures:
        print(failure)
    print(f"oracles: {passed - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
