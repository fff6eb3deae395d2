//! A pasted policy as large as IAM accepts, checked against as many secrets as the form
//! takes, is answered within the time one keystroke may take, whatever its shape: the page
//! checks it again on every key pressed in any field. Each shape is one that made a part of
//! the check slow before (1.1 s for the plainest, 1,000 secrets against 66 suffix-less
//! statements, when every request re-split and lower-cased every pattern).

#[path = "support/invariants.rs"]
mod invariants;

use iam_policy_core::{Code, Request};
use std::sync::Mutex;

/// The tests here time builds: one at a time, so they do not take each other's core on a
/// two-core machine.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// IAM's largest inline-policy quota, in characters without white space.
const QUOTA: usize = 10_240;

/// As many statements from `statement(i)` as fit under the quota.
fn fill(statement: impl Fn(usize) -> String) -> String {
    fill_around(statement, "")
}

/// The same, after `first` (a statement of its own, or "").
fn fill_around(statement: impl Fn(usize) -> String, first: &str) -> String {
    let mut statements: Vec<String> = [first.to_owned()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    let document = |statements: &[String]| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
            statements.join(",")
        )
    };
    for i in 0.. {
        statements.push(statement(i));
        if document(&statements).len() > QUOTA {
            statements.pop();
            break;
        }
    }
    document(&statements)
}

/// As many resources from `resource(i)` as fit in one statement under the quota.
fn one_statement(head: &str, resource: impl Fn(usize) -> String, tail: &str) -> String {
    let document = |resources: &[String]| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{{head}"Resource":[{}]{tail}}}]}}"#,
            resources.join(",")
        )
    };
    let mut resources = Vec::new();
    for i in 0.. {
        resources.push(format!("\"{}\"", resource(i)));
        if document(&resources).len() > QUOTA {
            resources.pop();
            break;
        }
    }
    document(&resources)
}

const ARN: &str = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";
const GET: &str = r#""Effect":"Allow","Action":"secretsmanager:GetSecretValue","#;

fn shapes() -> Vec<(&'static str, String)> {
    vec![
        (
            "suffix-less ARNs, a statement each",
            fill(|i| format!(r#"{{"Sid":"Read{i}",{GET}"Resource":"{ARN}team/x{i}"}}"#)),
        ),
        (
            "one statement of wildcard patterns across every part",
            one_statement(GET, |i| format!("arn:*:*:*:*:secret:x*?{i}*"), ""),
        ),
        (
            "one statement of literal ARNs, each a near miss in letter case",
            one_statement(
                GET,
                |i| format!("{ARN}Matillion/Pipeline-{i:04}-??????"),
                "",
            ),
        ),
        (
            "a Deny under a condition before allows in another account",
            fill_around(
                |i| {
                    format!(
                        r#"{{{GET}"Resource":"arn:aws:secretsmanager:eu-west-1:{i:012}:secret:matillion/pipeline-{i:04}-??????"}}"#
                    )
                },
                r#"{"Effect":"Deny","Action":"secretsmanager:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}"#,
            ),
        ),
        (
            "NotAction and NotResource with policy variables",
            one_statement(
                r#""Effect":"Allow","NotAction":["iam:*","s3:*"],"#,
                |i| format!("{ARN}${{aws:username}}-{i}*"),
                "",
            )
            .replace("\"Resource\"", "\"NotResource\""),
        ),
        (
            // The second security review: 45 s to usable in the page, and per keystroke,
            // when the non-ASCII patterns took the backtracking matcher and every
            // evaluation had a budget of its own.
            "non-ASCII patterns of many stars",
            one_statement(
                GET,
                |i| format!("arn:*:*:*:*:**{}{i}?é", "a".repeat(200)),
                "",
            ),
        ),
        (
            "short non-ASCII patterns that fit every secret's ARN",
            one_statement(GET, |i| format!("arn:*:*:*:*:*é*{i}?*"), ""),
        ),
        (
            "other actions on the very secrets",
            fill(|i| {
                format!(
                    r#"{{"Effect":"Allow","Action":"secretsmanager:DescribeSecret","Resource":"{ARN}matillion/pipeline-{i:04}-??????"}}"#
                )
            }),
        ),
    ]
}

#[test]
fn a_policy_at_iams_quota_against_1000_secrets_is_answered_within_a_keystroke() {
    let _alone = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let secrets: Vec<String> = (0..1_000)
        .map(|i| format!("matillion/pipeline-{i:04}"))
        .collect();
    let mut failures = Vec::new();
    for (shape, policy) in shapes() {
        let request = Request {
            account: "123456789012".into(),
            region: "eu-west-1".into(),
            secrets: secrets.clone(),
            existing_secrets_policy: policy,
            ..Request::default()
        };
        let response = match invariants::timed_build(&request) {
            Ok(response) => response,
            Err(reason) => {
                failures.push(format!("{shape}: {reason}"));
                continue;
            }
        };
        // Each shape is a real check, not one refused as too large or unreadable.
        if let Some(refused) = response
            .problems
            .iter()
            .find(|p| p.code == Code::ExistingPolicyInvalid)
        {
            failures.push(format!("{shape}: refused: {}", refused.message));
            continue;
        }
        if response.access.len() < secrets.len() {
            failures.push(format!(
                "{shape}: {} verdicts for {} secrets",
                response.access.len(),
                secrets.len()
            ));
        }
        // A policy IAM accepts, in a shape people write, is checked whole: only patterns
        // built to be slow may run out of the budget.
        let built_to_be_slow = shape.contains("non-ASCII");
        let undecided = response
            .access
            .iter()
            .filter(|a| a.before == iam_policy_core::read::existing::Decision::Undecided)
            .count();
        if undecided > 0 && !built_to_be_slow {
            failures.push(format!("{shape}: {undecided} entries not checked"));
        }
        if let Err(reason) = invariants::check_all(&request, &response) {
            failures.push(format!("{shape}: {reason}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The second security review: a pasted object of 140,000 distinct keys took 58 s in the
/// page and then 21 s a keystroke, read whole before its size was looked at. It is
/// refused by its length first, in either paste box.
#[test]
fn a_paste_far_past_the_quota_is_refused_before_it_is_read() {
    let _alone = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let keys: Vec<String> = (0..140_000).map(|i| format!("\"k{i}\":0")).collect();
    let text = format!("{{{}}}", keys.join(","));
    for trust in [true, false] {
        let mut request = Request {
            account: "123456789012".into(),
            region: "eu-west-1".into(),
            secrets: vec!["matillion/agent".into()],
            ..Request::default()
        };
        if trust {
            request.existing_trust_policy = text.clone();
        } else {
            request.existing_secrets_policy = text.clone();
        }
        let response = invariants::timed_build(&request).expect("within a keystroke");
        let refused = response
            .problems
            .iter()
            .find(|p| p.code == Code::ExistingPolicyInvalid)
            .expect("refused");
        assert!(
            refused
                .message
                .contains("far more than IAM accepts on a role"),
            "{}",
            refused.message
        );
    }
}
