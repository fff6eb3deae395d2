//! Builds the IAM documents the Matillion agent ("Maia runner") needs on ECS Fargate: the
//! task role's trust policy and the task execution role's inline policy for its secrets.
//!
//! One entry point, [`build`], serves every host — the page, the embedded widget, the JS
//! API and the CLI. It never fails: it returns every document it can build and a list of
//! [`Problem`]s, each tied to the request field that caused it.
//!
//! ```
//! use iam_policy_core::{build, Request};
//!
//! let response = build(&Request {
//!     account: "1234-5678-9012".into(),
//!     region: "eu-west-1".into(),
//!     secrets: vec!["matillion/agent".into()],
//!     ..Request::default()
//! });
//! let policy = serde_json::to_value(&response.documents[1].policy).unwrap();
//! assert_eq!(
//!     policy["Statement"][0]["Resource"][0],
//!     "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????"
//! );
//! // The dashes were removed, and the response says so.
//! assert_eq!(response.problems[0].message, "Removed the spaces and dashes: using 123456789012.");
//! ```

pub mod account;
pub mod bucket;
mod chars;
pub mod console;
pub mod contract;
pub mod documents;
pub mod ecs_error;
pub mod existing;
pub mod export;
mod fast_hash;
pub mod fields;
mod form;
mod glob;
pub mod input;
mod json_size;
pub mod kms;
pub mod parameter;
pub mod partition;
pub mod policy;
pub mod problem;
pub mod region;
pub mod request;
pub mod response;
pub mod secret;
mod suggest;
mod word_scan;

pub use chars::{one_line, shell_quoted};
pub use export::{Export, Format, export};
pub use form::{ACCOUNT_PLACEHOLDER, REGION_PLACEHOLDER};
pub use problem::{Code, Field, FieldValue, Fix, Problem, Severity};
pub use request::{Request, SecretScope};
pub use response::{Document, DocumentId, Response};

/// Builds every document the request allows and reports every problem found.
pub fn build(request: &Request) -> Response {
    if request.ecs_error.trim().is_empty() {
        return build_with(request, Vec::new());
    }
    // The fields the form leaves empty come from the error; the problems say which.
    let diagnosis = ecs_error::diagnose(&request.ecs_error);
    let (fills, notes) = ecs_error::fill(request, &diagnosis);
    let mut filled;
    let effective = if fills.is_empty() {
        request
    } else {
        filled = request.clone();
        for value in &fills {
            // Every filled field is a text or a list, which takes any text.
            let _ = fields::def(value.field).set(&mut filled, &value.value);
        }
        &filled
    };
    let mut response = build_with(effective, notes);
    // With the role's own policy pasted too, say which part of it failed to match.
    let mut diagnosis = diagnosis;
    if let Some(resource) = &diagnosis.resource
        && let Some(access) = response.access.iter().find(|a| {
            a.before != existing::Decision::Allowed
                && ecs_error::names_same_secret(&a.resource, resource)
        })
    {
        diagnosis.message = format!(
            "{} In the policy you pasted: {}",
            diagnosis.message, access.reason
        );
    }
    response.diagnosis = Some(diagnosis);
    response
}

fn build_with(request: &Request, mut problems: Vec<Problem>) -> Response {
    let mut form = form::Form::read(request, &mut problems);
    // The ARNs the secret lists gave move into the documents rather than being copied.
    let secret_arns = std::mem::take(&mut form.secrets.keys);
    let runtime_secret_arns = std::mem::take(&mut form.runtime_secrets.keys);
    let mut documents = Vec::with_capacity(DocumentId::ALL.len());
    let mut trust = documents::trust_policy(&form);
    existing::apply::trust(request, &form, &mut trust, &mut problems);
    documents.push(trust);
    let mut secrets = documents::secrets_policy(&form, secret_arns);
    let access = existing::apply::secrets(request, &form, &mut secrets, &mut problems);
    documents.extend(secrets);
    documents.extend(documents::task_permissions_policy(
        &form,
        runtime_secret_arns,
    ));
    let mut budget = glob::Budget::new(documents::CHECK_BUDGET);
    for document in &documents {
        documents::check_size(document, form.shared_prefix(), &mut problems);
        documents::check(document, &mut budget, &mut problems);
    }
    // What a document grants is said on the document too, not only beside a control a
    // host may hide (a link could otherwise grant "*" out of sight).
    for problem in &mut problems {
        if problem.document.is_none() && problem.code.widens_a_grant() {
            problem.document = problem.field.document();
        }
    }
    // Stable: within a severity, problems keep the order of the fields and entries.
    problems.sort_by_key(|p| std::cmp::Reverse(p.severity));
    Response {
        documents,
        problems,
        target: response::Target {
            partition: form.partition.id,
            dns_suffix: form.partition.dns_suffix,
            region: form.region.map(region::Region::code),
            account: form.account.as_ref().map(|a| a.as_str().to_owned()),
            task_role: form.task_role.to_owned(),
            execution_role: form.execution_role.to_owned(),
        },
        access,
        diagnosis: None,
    }
}

/// Writes a count the way people read it: 10240 → "10,240".
///
/// ```
/// assert_eq!(iam_policy_core::thousands(100_000), "100,000");
/// ```
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Splits pasted text into entries: one per line or comma (neither can be part of a secret
/// name), without blank entries, surrounding quotes or trailing commas. A pasted ECS task
/// definition `secrets` block gives the ARNs of its `valueFrom` fields.
///
/// ```
/// assert_eq!(
///     iam_policy_core::split_secret_list("\"prod/db\",\n  matillion/agent \n\n"),
///     ["prod/db", "matillion/agent"]
/// );
/// assert_eq!(
///     iam_policy_core::split_secret_list(r#"[{"name": "CLIENT_ID", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:agent-AbC123:client_id::"}]"#),
///     ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:agent-AbC123:client_id::"]
/// );
/// ```
pub fn split_secret_list(text: &str) -> Vec<String> {
    if text.contains("\"valueFrom\"") {
        return value_from_fields(text);
    }
    text.split(['\n', ',', '\r'])
        .map(|entry| entry.trim().trim_matches(['"', '\'']).trim())
        .filter(|entry| !entry.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The string after each `"valueFrom":`, without parsing the rest: a pasted fragment of a
/// task definition is rarely valid JSON on its own.
fn value_from_fields(text: &str) -> Vec<String> {
    text.split("\"valueFrom\"")
        .skip(1)
        .filter_map(|rest| {
            let value = rest
                .trim_start()
                .strip_prefix(':')?
                .trim_start()
                .strip_prefix('"')?;
            Some(value[..value.find('"')?].trim().to_owned())
        })
        .filter(|value| !value.is_empty())
        .collect()
}
