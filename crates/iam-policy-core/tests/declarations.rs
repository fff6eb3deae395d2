//! The npm package's TypeScript declaration says what the JSON is: every response the core
//! builds — from the golden requests, the real ECS errors and pasted policies, and a
//! request that fills every optional member — has only declared keys, every declared
//! member that is not optional, and values of the declared types; and every declared
//! member turns up in some response, so a description cannot keep a key serde no longer
//! writes. The same holds for the request and for every export.

#[path = "support/cases.rs"]
mod cases;

use cases::golden_requests;
use iam_policy_core::contract::{Body, Declaration, Entry, declarations};
use iam_policy_core::model::shape::Shape;
use iam_policy_core::{Format, Request, build, export};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;

/// Walks a value along its declared shape, remembering every member it met.
struct Checker {
    declarations: Vec<Declaration>,
    /// `Interface.member`, for each member some value had.
    seen: BTreeSet<String>,
}

impl Checker {
    fn new() -> Checker {
        Checker {
            declarations: declarations(&[]),
            seen: BTreeSet::new(),
        }
    }

    fn declaration(&self, name: &str) -> &Declaration {
        self.declarations
            .iter()
            .find(|declaration| declaration.name == name)
            .unwrap_or_else(|| panic!("{name} is named but not declared"))
    }

    /// Checks `value` (at `at`, for the message) against `shape`; `member` names the
    /// member it is in (`NewStatement.Principal`), for an object declared in place.
    fn check(
        &mut self,
        value: &Value,
        shape: &Shape,
        at: &str,
        member: &str,
    ) -> Result<(), String> {
        let wrong = |expected: &str| Err(format!("{at} is {value}, not {expected}"));
        match shape {
            Shape::String if value.is_string() => Ok(()),
            Shape::Number if value.is_number() => Ok(()),
            Shape::Boolean if value.is_boolean() => Ok(()),
            Shape::True if *value == Value::Bool(true) => Ok(()),
            Shape::Unknown => Ok(()),
            Shape::Exactly(text) if value.as_str() == Some(text) => Ok(()),
            Shape::String => wrong("a string"),
            Shape::Number => wrong("a number"),
            Shape::Boolean => wrong("a boolean"),
            Shape::True => wrong("true"),
            Shape::Exactly(text) => wrong(&format!("{text:?}")),
            Shape::OrNull(_) if value.is_null() => Ok(()),
            Shape::OrNull(shape) => self.check(value, shape, at, member),
            Shape::List(item) => {
                let Some(items) = value.as_array() else {
                    return wrong("a list");
                };
                for (i, item_value) in items.iter().enumerate() {
                    self.check(item_value, item, &format!("{at}[{i}]"), member)?;
                }
                Ok(())
            }
            Shape::Map(item) => {
                let Some(entries) = value.as_object() else {
                    return wrong("an object");
                };
                for (key, item_value) in entries {
                    self.check(item_value, item, &format!("{at}.{key}"), member)?;
                }
                Ok(())
            }
            Shape::AnyOf(shapes) => {
                // Each alternative on its own, so a failed one leaves nothing seen.
                let mut failures = Vec::new();
                for shape in *shapes {
                    let before = self.seen.clone();
                    match self.check(value, shape, at, member) {
                        Ok(()) => return Ok(()),
                        Err(why) => {
                            self.seen = before;
                            failures.push(why);
                        }
                    }
                }
                Err(failures.join("; and "))
            }
            Shape::Object(members) => {
                let entries: Vec<Entry> = members.iter().map(Entry::from).collect();
                self.members(value, &entries, member, at)
            }
            Shape::Named(name) => {
                let declaration = self.declaration(name).clone();
                match &declaration.body {
                    Body::Interface(entries) => self.members(value, entries, name, at),
                    Body::Union(values) if values.contains(value) => Ok(()),
                    Body::Union(_) => wrong(&format!("a {name}")),
                    Body::Alias(shape) => self.check(value, shape, at, member),
                }
            }
        }
    }

    fn members(
        &mut self,
        value: &Value,
        entries: &[Entry],
        owner: &str,
        at: &str,
    ) -> Result<(), String> {
        let Some(object) = value.as_object() else {
            return Err(format!("{at} is {value}, not an object"));
        };
        for (key, member_value) in object {
            let Some(entry) = entries.iter().find(|entry| entry.name == key) else {
                return Err(format!("{at}.{key} is not declared in {owner}"));
            };
            let member = format!("{owner}.{key}");
            self.check(member_value, &entry.shape, &format!("{at}.{key}"), &member)?;
            self.seen.insert(member);
        }
        match entries
            .iter()
            .find(|entry| !entry.optional && !object.contains_key(entry.name))
        {
            Some(missing) => Err(format!(
                "{at} has no {}, which {owner} declares required",
                missing.name
            )),
            None => Ok(()),
        }
    }

    /// Every member of `name` and of what it names, as `Interface.member`.
    fn reachable_members(&self, name: &str, out: &mut BTreeSet<String>, visited: &mut Vec<String>) {
        if visited.iter().any(|v| v == name) {
            return;
        }
        visited.push(name.to_owned());
        if let Body::Interface(entries) = &self.declaration(name).body {
            for entry in entries {
                out.insert(format!("{name}.{}", entry.name));
                self.reachable_in(
                    &entry.shape,
                    &format!("{name}.{}", entry.name),
                    out,
                    visited,
                );
            }
        }
        if let Body::Alias(shape) = &self.declaration(name).body {
            self.reachable_in(shape, name, out, visited);
        }
    }

    fn reachable_in(
        &self,
        shape: &Shape,
        at: &str,
        out: &mut BTreeSet<String>,
        visited: &mut Vec<String>,
    ) {
        match shape {
            Shape::Named(name) => self.reachable_members(name, out, visited),
            Shape::List(shape) | Shape::OrNull(shape) | Shape::Map(shape) => {
                self.reachable_in(shape, at, out, visited);
            }
            Shape::AnyOf(shapes) => {
                for shape in *shapes {
                    self.reachable_in(shape, at, out, visited);
                }
            }
            Shape::Object(members) => {
                for member in *members {
                    out.insert(format!("{at}.{}", member.name));
                    self.reachable_in(
                        &member.shape,
                        &format!("{at}.{}", member.name),
                        out,
                        visited,
                    );
                }
            }
            Shape::String
            | Shape::Number
            | Shape::Boolean
            | Shape::True
            | Shape::Unknown
            | Shape::Exactly(_) => {}
        }
    }

    /// The members of `root`'s declaration and below that no checked value had.
    fn never_seen(&self, root: &str) -> Vec<String> {
        let mut all = BTreeSet::new();
        self.reachable_members(root, &mut all, &mut Vec::new());
        all.difference(&self.seen).cloned().collect()
    }
}

#[derive(Deserialize)]
struct Real {
    #[serde(alias = "policy")]
    text: String,
}

fn real(name: &str) -> Vec<String> {
    let path = format!("{}/tests/data/real/{name}", env!("CARGO_MANIFEST_DIR"));
    let entries: Vec<Real> =
        serde_json::from_str(&fs::read_to_string(path).expect("the corpus")).expect("entries");
    entries.into_iter().map(|entry| entry.text).collect()
}

fn base() -> Request {
    Request {
        account: "123456789012".into(),
        region: "eu-west-1".into(),
        secrets: vec!["matillion/agent".into()],
        ..Request::default()
    }
}

/// Requests that reach every optional member the goldens may leave out: a pasted
/// secrets policy whose entries have console pages, a pasted trust policy with every
/// element IAM accepts, a denied and a KMS error, a problem with a fix.
fn crafted_requests() -> Vec<(String, Request)> {
    let every_element_trust = r#"{"Version":"2008-10-17","Id":"trust","Statement":[
        {"Sid":"People","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root","Federated":"cognito-identity.amazonaws.com","CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true}}},
        {"Effect":"Deny","NotPrincipal":{"Service":["ec2.amazonaws.com"]},"NotAction":"sts:TagSession"},
        {"Effect":"Allow","Principal":"*","Action":["sts:AssumeRole"],"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}
    ]}"#;
    let every_element_secrets = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:other"},
        {"Effect":"Deny","Action":"kms:Decrypt","NotResource":["arn:aws:kms:eu-west-1:123456789012:key/*"]}
    ]}"#;
    vec![
        (
            "every element pasted".to_owned(),
            Request {
                existing_trust_policy: every_element_trust.into(),
                existing_secrets_policy: every_element_secrets.into(),
                task_role_policy: true,
                ..base()
            },
        ),
        (
            "an ECS error refused a secret the list lacks".to_owned(),
            Request {
                ecs_error: "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:other/db-AbCdEf from secrets manager: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/ecsTaskExecutionRole/8f1f0c2a is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:other/db-AbCdEf because no identity-based policy allows the secretsmanager:GetSecretValue action status code: 400".into(),
                ..base()
            },
        ),
    ]
}

fn all_requests() -> Vec<(String, Request)> {
    let mut requests = golden_requests();
    requests.extend(crafted_requests());
    for (i, text) in real("ecs-errors.json").into_iter().enumerate() {
        requests.push((
            format!("real ECS error {i}"),
            Request {
                ecs_error: text,
                ..base()
            },
        ));
    }
    for (i, policy) in real("trust-policies.json").into_iter().enumerate() {
        requests.push((
            format!("real trust policy {i}"),
            Request {
                existing_trust_policy: policy,
                ..base()
            },
        ));
    }
    for (i, policy) in real("execution-policies.json").into_iter().enumerate() {
        requests.push((
            format!("real secrets policy {i}"),
            Request {
                existing_secrets_policy: policy,
                ..base()
            },
        ));
    }
    requests
}

#[test]
fn every_response_is_what_the_declaration_says_and_uses_all_of_it() {
    let mut checker = Checker::new();
    let requests = all_requests();
    let mut failures = Vec::new();
    for (name, request) in &requests {
        let response = serde_json::to_value(build(request)).expect("serialises");
        if let Err(why) = checker.check(&response, &Shape::Named("BuildResponse"), "response", "") {
            failures.push(format!("{name}: {why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let never = checker.never_seen("BuildResponse");
    assert!(
        never.is_empty(),
        "declared but in none of {} responses (a key serde no longer writes, or a case to add to crafted_requests): {never:?}",
        requests.len()
    );
}

#[test]
fn every_export_is_what_the_declaration_says() {
    let mut checker = Checker::new();
    // A ready request, and one without its account, so notReady is said.
    let not_ready = Request {
        account: String::new(),
        ..base()
    };
    for request in [base(), not_ready] {
        let response = build(&request);
        for format in Format::ALL {
            let exported = serde_json::to_value(export(&response, format)).expect("serialises");
            checker
                .check(&exported, &Shape::Named("ExportResult"), format.id(), "")
                .unwrap_or_else(|why| panic!("{why}"));
        }
    }
    assert_eq!(checker.never_seen("ExportResult"), Vec::<String>::new());
}

#[test]
fn the_declared_request_is_every_field_the_core_reads() {
    let mut checker = Checker::new();
    // Every field away from its default, so serde writes each one.
    let request = Request {
        all_secrets: true,
        ..golden_requests()
            .into_iter()
            .find(|(name, _)| name == "options-all-together-govcloud.request.json")
            .expect("the everything golden")
            .1
    };
    let mut written = serde_json::to_value(&request).expect("serialises");
    checker
        .check(&written, &Shape::Named("BuildRequest"), "request", "")
        .unwrap_or_else(|why| panic!("{why}"));
    // Fill what that request leaves empty: the check above holds the types; this holds
    // that every declared member is one the request has.
    let object = written.as_object_mut().expect("an object");
    let Body::Interface(entries) = &checker.declaration("BuildRequest").body else {
        panic!("BuildRequest is an interface");
    };
    let declared: BTreeSet<&str> = entries.iter().map(|entry| entry.name).collect();
    let serialised: BTreeSet<&str> = object.keys().map(String::as_str).collect();
    assert_eq!(declared, serialised);
    // And the core reads back what the declaration allows, refusing what it does not.
    assert!(serde_json::from_value::<Request>(serde_json::json!({ "secretScope": "all" })).is_ok());
    assert!(serde_json::from_value::<Request>(serde_json::json!({ "acount": "1" })).is_err());
}

#[test]
fn every_name_a_declaration_uses_is_declared_once() {
    let checker = Checker::new();
    let names: Vec<&str> = checker.declarations.iter().map(|d| d.name).collect();
    for (i, name) in names.iter().enumerate() {
        assert!(!names[i + 1..].contains(name), "{name} is declared twice");
    }
    // Walking from every declaration resolves every name it uses (declaration() panics
    // on a name that is not declared).
    for name in &names {
        checker.reachable_members(name, &mut BTreeSet::new(), &mut Vec::new());
    }
}
