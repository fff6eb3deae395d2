"""Independent tools on the builder's output, for every golden request without errors.

- cfn-lint checks the documents wrapped in a plain AWS::IAM::Role template, and the
  CloudFormation exports (YAML and JSON) of every set of documents as they are;
- parliament checks the identity policies (it reports every trust policy as malformed, so
  it never sees one);
- for every set of documents an export can cover, the YAML export (with !Sub and !Ref
  resolved as if deployed in another region and account) and the Terraform export (parsed
  by python-hcl2) must create or attach to exactly the roles of those documents, and
  grant exactly what they grant.
Run by scripts/test.sh with these tools installed in their own virtual environment.
"""

import json
import pathlib
import re
import subprocess
import sys
import tempfile

import hcl2
import parliament
import yaml

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
# Requests whose pasted policies are chosen to be hard to write out, not to be real: their
# condition keys (`null`, `0x1F`, a line separator) are ones no service defines.
EXPECTED_PARLIAMENT_BY_REQUEST = {"existing-secrets-control-characters": {"UNKNOWN_CONDITION_FOR_ACTION"}}

EXECUTION_TRUST = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
    ],
}


def run_cli(request_path, *args):
    result = subprocess.run([CLI, *args], stdin=request_path.open("rb"), capture_output=True, check=False)
    if result.returncode == 2:
        raise SystemExit(f"{request_path.name}: the CLI refused the request: {result.stderr.decode()}")
    return result.stdout.decode()


def documents_by_id(response):
    return {d["id"]: d for d in response["documents"]}


def wrapper_template(documents):
    """The documents as they are, in the simplest template that holds them."""
    if "runner-role-trust-policy" in documents:
        runner = {"AssumeRolePolicyDocument": documents["runner-role-trust-policy"]["policy"]}
        permissions = documents.get("runner-role-permissions-policy")
        if permissions:
            runner["Policies"] = [{"PolicyName": permissions["placement"]["policyName"], "PolicyDocument": permissions["policy"]}]
        return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"RunnerRole": {"Type": "AWS::IAM::Role", "Properties": runner}}}
    trust = documents["task-role-trust-policy"]
    task_role = {"AssumeRolePolicyDocument": trust["policy"]}
    permissions = documents.get("task-role-permissions-policy")
    if permissions:
        task_role["Policies"] = [{"PolicyName": permissions["placement"]["policyName"], "PolicyDocument": permissions["policy"]}]
    resources = {"AgentTaskRole": {"Type": "AWS::IAM::Role", "Properties": task_role}}
    execution = documents.get("execution-role-secrets-policy")
    if execution:
        resources["AgentTaskExecutionRole"] = {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": EXECUTION_TRUST,
                "ManagedPolicyArns": execution["placement"]["managedPolicies"],
                "Policies": [{"PolicyName": execution["placement"]["policyName"], "PolicyDocument": execution["policy"]}],
            },
        }
    return {"AWSTemplateFormatVersion": "2010-09-09", "Resources": resources}


class Intrinsic:
    def __init__(self, function, value):
        self.function, self.value = function, value


def cloudformation_loader():
    class Loader(yaml.SafeLoader):
        pass

    for tag in ("!Sub", "!Ref", "!GetAtt"):
        Loader.add_constructor(tag, lambda loader, node, tag=tag: Intrinsic(tag, loader.construct_scalar(node)))
    return Loader


# Where the oracle "deploys" each template: not the request's region or account, so a
# template that takes the agent's ARNs from AWS::Region / AWS::AccountId resolves to ARNs
# the core's documents do not grant.
DEPLOYED_REGION = "zz-elsewhere-9"
DEPLOYED_ACCOUNT = "000000000009"


def resolve(value, target, parameters):
    """!Sub and !Ref as CloudFormation resolves them in a stack deployed in DEPLOYED_REGION
    and DEPLOYED_ACCOUNT, every parameter at its default."""

    def lookup(name):
        pseudo = {
            "AWS::Partition": target["partition"],
            "AWS::Region": DEPLOYED_REGION,
            "AWS::AccountId": DEPLOYED_ACCOUNT,
            "AWS::URLSuffix": target["dnsSuffix"],
        }
        if name in pseudo:
            return pseudo[name]
        return parameters[name]["Default"]

    if isinstance(value, Intrinsic):
        if value.function == "!Ref":
            return lookup(value.value)
        return re.sub(r"\$\{(!?)([^}]*)\}", lambda m: "${" + m.group(2) + "}" if m.group(1) else lookup(m.group(2)), value.value)
    if isinstance(value, dict):
        return {k: resolve(v, target, parameters) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, target, parameters) for v in value]
    return value


DOCUMENTS = ["task-role-trust-policy", "execution-role-secrets-policy", "task-role-permissions-policy"]
RUNNER_DOCUMENTS = ["runner-role-trust-policy", "runner-role-permissions-policy"]
TASK_DOCUMENTS = {"task-role-trust-policy", "task-role-permissions-policy"}
# Every scope an export can have: each non-empty set of documents.
SCOPES = [[d for i, d in enumerate(DOCUMENTS) if mask & (1 << i)] for mask in range(1, 1 << len(DOCUMENTS))]


def managed_policy(target):
    return f"arn:{target['partition']}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"


def expected(response, scope):
    """What a stack (CloudFormation, Terraform) of `scope` must do: exactly the roles of
    its documents and what they grant. The task role is created only with its trust policy;
    a pasted one is left to the AWS CLI script (a stack cannot change the trust policy of a
    role it did not create); the permissions policy alone goes on the role by name. The
    execution role's trust and managed policies go with its secrets policy."""
    target, documents = response["target"], documents_by_id(response)
    task, execution = target["taskRole"], target["executionRole"]
    deployed = {"roles": set(), "trust": {}, "inline": {}, "managed": {}}
    covered = {d: documents[d] for d in scope if d in documents}
    if TASK_DOCUMENTS & set(scope):
        deployed["roles"].add(task)
    trust = covered.get("task-role-trust-policy")
    if trust and trust["origin"] == "new":
        deployed["trust"][task] = trust["policy"]
    if "task-role-permissions-policy" in covered:
        deployed["inline"][task] = [covered["task-role-permissions-policy"]["policy"]]
    if "execution-role-secrets-policy" in scope:
        deployed["roles"].add(execution)
        secrets = covered.get("execution-role-secrets-policy")
        if not (secrets and secrets["origin"] == "existing"):
            deployed["trust"][execution] = EXECUTION_TRUST
            deployed["managed"][execution] = [managed_policy(target)]
        if secrets:
            deployed["inline"][execution] = [secrets["policy"]]
    return deployed


def compare(deployed, response, scope, failures, case):
    want = expected(response, scope)
    for part in ("roles", "trust", "inline", "managed"):
        if deployed[part] != want[part]:
            failures.append(f"{case}: {part}: the export, deployed in another region and account, says {json.dumps(deployed[part], default=sorted)}, the core {json.dumps(want[part], default=sorted)}")


def check_yaml_export(text, response, scope, failures, case):
    """What the YAML template does to IAM, resolved as if deployed in another region and
    account: its roles, the inline policies on roles it did not create, and the roles its
    outputs name."""
    template = yaml.load(text, Loader=cloudformation_loader())
    resources = template["Resources"] or {}
    parameters = template.get("Parameters", {})
    resolved = lambda value: resolve(value, response["target"], parameters)
    deployed = {"roles": set(), "trust": {}, "inline": {}, "managed": {}}
    for resource in resources.values():
        properties = resource["Properties"]
        role = resolved(properties["RoleName"])
        deployed["roles"].add(role)
        if resource["Type"] == "AWS::IAM::Role":
            deployed["trust"][role] = resolved(properties["AssumeRolePolicyDocument"])
            for policy in properties.get("Policies", []):
                deployed["inline"].setdefault(role, []).append(resolved(policy["PolicyDocument"]))
            if "ManagedPolicyArns" in properties:
                deployed["managed"][role] = [resolved(arn) for arn in properties["ManagedPolicyArns"]]
        elif resource["Type"] == "AWS::IAM::RolePolicy":
            deployed["inline"].setdefault(role, []).append(resolved(properties["PolicyDocument"]))
        else:
            failures.append(f"{case}: the YAML export has a {resource['Type']}")
    for output in (template.get("Outputs") or {}).values():
        value = output["Value"]
        if isinstance(value, Intrinsic) and value.function == "!GetAtt":
            deployed["roles"].add(resolved(resources[value.value.split(".")[0]]["Properties"]["RoleName"]))
        else:
            deployed["roles"].add(resolved(value).rsplit(":role/", 1)[1])
    compare(deployed, response, scope, failures, f"{case} (YAML)")


def existing(response, document_id):
    """Whether the document was made from a policy the role already has (so the role exists)."""
    return any(d["id"] == document_id and d["origin"] == "existing" for d in response["documents"])


def as_policy(value):
    """A policy the export wrote as a JSON string (the IRSA trust, whose keys are made of the
    issuer and so cannot be a template's keys), read back; any other value as it is."""
    return json.loads(value) if isinstance(value, str) else value


def check_eks_yaml_export(text, response, failures, name):
    """On EKS: the runner role (or its policy on the role that exists), resolved as deployed
    elsewhere with every parameter at its default, holds the core's two documents."""
    template = yaml.load(text, Loader=cloudformation_loader())
    documents = documents_by_id(response)
    resources = template["Resources"]
    parameters = template.get("Parameters", {})
    expected_permissions = documents.get("runner-role-permissions-policy")
    pairs = []
    if existing(response, "runner-role-trust-policy"):
        if "RunnerRole" in resources:
            failures.append(f"{name}: the YAML export creates the existing runner role")
        policy = resources["RunnerRolePolicy"]["Properties"]
        pairs.append((policy["PolicyDocument"], expected_permissions["policy"]))
    else:
        role = resources["RunnerRole"]["Properties"]
        pairs.append((role["AssumeRolePolicyDocument"], documents["runner-role-trust-policy"]["policy"]))
        pairs.append((role["Policies"][0]["PolicyDocument"], expected_permissions["policy"]))
    for exported, expected in pairs:
        resolved = as_policy(resolve(exported, response["target"], parameters))
        if resolved != expected:
            failures.append(f"{name}: the YAML export, deployed in another region and account, says {json.dumps(resolved)}, the core {json.dumps(expected)}")


def hcl_template_to_json(expression, variables, target):
    """A quoted HCL template of a JSON policy (the IRSA trust): its `${var.…}` set to the
    variables' defaults, its escapes undone (HCL's are JSON's), then read as JSON."""
    resolved = re.sub(r"(?<!\$)\$\{var\.(\w+)\}", lambda m: variables[m.group(1)], expression)
    resolved = resolved.replace("${data.aws_partition.current.partition}", target["partition"])
    return unescape_templates(json.loads(json.loads(resolved)))


def check_eks_terraform_export(text, response, failures, name):
    """On EKS: the runner role's trust and its permissions, as Terraform would send them."""
    parsed = hcl2.loads(text)
    variables = {}
    for block in parsed.get("variable", []):
        for key, body in block.items():
            variables[key.strip('"')] = body["default"].strip('"')
    blocks = {}
    for kind_of_block in ("resource", "data"):
        for block in parsed.get(kind_of_block, []):
            for kind, named in block.items():
                for block_name, body in named.items():
                    blocks[(kind_of_block, kind.strip('"'), block_name.strip('"'))] = body
    documents = documents_by_id(response)
    pairs = []
    if existing(response, "runner-role-trust-policy"):
        if ("resource", "aws_iam_role", "runner") in blocks or ("data", "aws_iam_role", "runner") not in blocks:
            failures.append(f"{name}: Terraform creates the runner role instead of looking it up")
    else:
        trust = blocks[("resource", "aws_iam_role", "runner")]["assume_role_policy"]
        expected = documents["runner-role-trust-policy"]["policy"]
        exported = hcl_expression_to_json(trust, response["target"]) if trust.startswith("${jsonencode(") else hcl_template_to_json(trust, variables, response["target"])
        pairs.append((exported, expected))
    body = blocks.get(("resource", "aws_iam_role_policy", "runner_permissions"))
    pairs.append((hcl_expression_to_json(body["policy"], response["target"]), documents["runner-role-permissions-policy"]["policy"]))
    for exported, expected in pairs:
        if exported != expected:
            failures.append(f"{name}: Terraform says {json.dumps(exported)}, the core {json.dumps(expected)}")


def hcl_expression_to_json(expression, target):
    """python-hcl2 gives `jsonencode({...})` back as normalised HCL text; turn it into JSON."""
    inner = expression.removeprefix("${jsonencode(").removesuffix(")}")
    inner = inner.replace("${data.aws_partition.current.partition}", target["partition"])
    inner = inner.replace("${data.aws_partition.current.dns_suffix}", target["dnsSuffix"])
    inner = re.sub(r'" = ', '": ', inner)
    return unescape_templates(json.loads(inner))


def unescape_templates(value):
    """What Terraform makes of a string literal's `$${` and `%%{`: a literal `${` and `%{`
    (python-hcl2 leaves them as written)."""
    if isinstance(value, str):
        return value.replace("$${", "${").replace("%%{", "%{")
    if isinstance(value, list):
        return [unescape_templates(item) for item in value]
    if isinstance(value, dict):
        return {unescape_templates(key): unescape_templates(item) for key, item in value.items()}
    return value


def check_terraform_export(text, response, scope, failures, case):
    """What the Terraform does to IAM: the roles it creates or looks up (by the defaults of
    the variables that name them), their inline policies and managed attachments."""
    parsed = hcl2.loads(text)
    unquote = lambda text: text[1:-1] if text.startswith('"') else text
    variables = {unquote(name): unquote(body["default"]) for block in parsed.get("variable", []) for name, body in block.items()}
    blocks = {}
    for kind_of_block in ("resource", "data", "output"):
        for block in parsed.get(kind_of_block, []):
            if kind_of_block == "output":
                for name, body in block.items():
                    blocks[("output", unquote(name))] = body
                continue
            for kind, named in block.items():
                for block_name, body in named.items():
                    blocks[(kind_of_block, unquote(kind), unquote(block_name))] = body
    role_names = {}
    for (kind_of_block, *rest), body in blocks.items():
        if rest[:1] == ["aws_iam_role"]:
            reference = ("data." if kind_of_block == "data" else "") + "aws_iam_role." + rest[1]
            role_names[reference] = variables[body["name"].removeprefix("${var.").removesuffix("}")]
    role_of = lambda expression: role_names[re.sub(r"\.(id|name|arn)$", "", expression.removeprefix("${").removesuffix("}"))]
    deployed = {"roles": set(role_names.values()), "trust": {}, "inline": {}, "managed": {}}
    for key, body in blocks.items():
        if key[:2] == ("resource", "aws_iam_role"):
            deployed["trust"][role_of("aws_iam_role." + key[2])] = hcl_expression_to_json(body["assume_role_policy"], response["target"])
        elif key[:2] == ("resource", "aws_iam_role_policy"):
            deployed["inline"].setdefault(role_of(body["role"]), []).append(hcl_expression_to_json(body["policy"], response["target"]))
        elif key[:2] == ("resource", "aws_iam_role_policy_attachment"):
            arn = unquote(body["policy_arn"]).replace("${data.aws_partition.current.partition}", response["target"]["partition"])
            deployed["managed"].setdefault(role_of(body["role"]), []).append(arn)
        elif key[0] == "output":
            deployed["roles"].add(role_of(body["value"]))
    compare(deployed, response, scope, failures, f"{case} (Terraform)")


def partition_of(document):
    """The partition of a document's first ARN resource ("aws" when it has only "*")."""
    for statement in document["policy"]["Statement"]:
        resources = statement.get("Resource", [])
        for resource in [resources] if isinstance(resources, str) else resources:
            if resource.startswith("arn:"):
                return resource.split(":")[1]
    return "aws"


def main():
    checked, exports, failures = 0, 0, []
    with tempfile.TemporaryDirectory() as scratch:
        templates = []
        for request_path in sorted(DATA.glob("*.request.json")):
            response = json.loads(run_cli(request_path, "--compact"))
            if any(p["severity"] == "error" for p in response["problems"]):
                continue
            checked += 1
            name = request_path.name.removesuffix(".request.json")
            wrapper = pathlib.Path(scratch, f"{name}.wrapper.json")
            wrapper.write_text(json.dumps(wrapper_template(documents_by_id(response)), indent=2))
            if response["target"].get("runnerRole"):
                # On EKS the one role is the runner role, written whole for either of its
                # documents: one scope, both of them.
                yaml_export = run_cli(request_path, "--format", "cloudformation", "--documents", ",".join(RUNNER_DOCUMENTS))
                check_eks_yaml_export(yaml_export, response, failures, name)
                check_eks_terraform_export(run_cli(request_path, "--format", "terraform", "--documents", ",".join(RUNNER_DOCUMENTS)), response, failures, name)
                pathlib.Path(scratch, f"{name}.runner.export.yaml").write_text(yaml_export)
                pathlib.Path(scratch, f"{name}.runner.export.json").write_text(run_cli(request_path, "--format", "cloudformation-json"))
                exports += 2
            for scope in [] if response["target"].get("runnerRole") else SCOPES:
                case = f"{name} / {'+'.join(scope)}"
                documents = ["--documents", ",".join(scope)]
                yaml_export = run_cli(request_path, "--format", "cloudformation", *documents)
                check_yaml_export(yaml_export, response, scope, failures, case)
                check_terraform_export(run_cli(request_path, "--format", "terraform", *documents), response, scope, failures, case)
                # An export of only documents the request did not build is not ready, and
                # has nothing for cfn-lint: it says so in its first line instead.
                if yaml_export.startswith("# NOT READY"):
                    continue
                stem = f"{name}.{'+'.join(d.split('-')[-2] for d in scope)}"
                pathlib.Path(scratch, f"{stem}.export.yaml").write_text(yaml_export)
                exports += 1
                # The JSON template is the same tree as the YAML one: linted once, whole, for
                # how it is written.
                if scope == DOCUMENTS:
                    pathlib.Path(scratch, f"{stem}.export.json").write_text(run_cli(request_path, "--format", "cloudformation-json", *documents))
                    exports += 1
            templates += [str(p) for p in pathlib.Path(scratch).glob(f"{name}.*")]
            for document in response["documents"]:
                if document["kind"] != "inline" or partition_of(document) not in PARLIAMENT_PARTITIONS:
                    continue
                policy = parliament.analyze_policy_string(json.dumps(document["policy"]))
                expected = EXPECTED_PARLIAMENT | EXPECTED_PARLIAMENT_BY_REQUEST.get(name, set())
                unexpected = [f"{f.issue} {f.detail}" for f in policy.findings if f.issue not in expected]
                if unexpected:
                    failures.append(f"{name}: parliament on {document['id']}: " + "; ".join(unexpected))
        # One cfn-lint run for every template: it starts slowly.
        lint = subprocess.run(["cfn-lint", "--format", "parseable", "--", *sorted(set(templates))], capture_output=True, text=True, check=False)
        findings = [line.replace(scratch + "/", "") for line in lint.stdout.splitlines() if line.strip()]
        failures += [f"cfn-lint: {finding}" for finding in findings]
        if lint.returncode != 0 and not findings:
            failures.append(f"cfn-lint failed: {lint.stderr.strip()}")
    for failure in failures:
        print(failure)
    print(f"oracles: {checked} requests in {len(SCOPES)} scopes, {len(templates)} templates ({exports} exports); {0 if failures else checked} passed, {len(failures)} failed")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
