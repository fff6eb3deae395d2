//! Pasted policies from the wild (`tests/data/real/trust-policies.json` and
//! `execution-policies.json`, verbatim with their sources): each is merged or fixed
//! keeping every statement and condition it had, never bypassing a condition, and a
//! second pass changes nothing — or, when it is not a policy IAM accepts (a fragment,
//! Terraform, a chat archive's mangling), it is refused with a problem on its field that
//! says why.

#[path = "support/invariants.rs"]
mod invariants;

use iam_policy_core::{Code, Field, Request, build};
use serde::Deserialize;

#[derive(Deserialize)]
struct Entry {
    policy: String,
    source: String,
}

fn corpus(name: &str) -> Vec<Entry> {
    let path = format!("{}/tests/data/real/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("the corpus")).expect("entries")
}

/// The account and region the agent runs in: those the policy's own conditions name
/// when they name valid ones (so a hardened policy is judged as its owner would use
/// it), else a default.
fn place(policy: &str) -> (String, String) {
    let account = policy
        .split(|c: char| !c.is_ascii_digit())
        .find(|digits| digits.len() == 12)
        .unwrap_or("123456789012");
    let region = [
        "eu-west-1",
        "us-east-1",
        "us-west-2",
        "eu-central-1",
        "ap-northeast-1",
    ]
    .into_iter()
    .find(|r| policy.contains(&format!(":ecs:{r}:")))
    .unwrap_or("eu-west-1");
    (account.to_owned(), region.to_owned())
}

fn check(entries: &[Entry], field: Field, set: fn(&mut Request, String)) -> (usize, usize) {
    let mut failures = Vec::new();
    let (mut merged, mut refused) = (0, 0);
    for entry in entries {
        let (account, region) = place(&entry.policy);
        let mut request = Request {
            account,
            region,
            secrets: vec!["matillion/agent".into()],
            ..Request::default()
        };
        set(&mut request, entry.policy.clone());
        let response = match invariants::timed_build(&request) {
            Ok(response) => response,
            Err(why) => {
                failures.push(format!("{}: {why}", entry.source));
                continue;
            }
        };
        let refusal = response.problems.iter().find(|p| {
            p.field == field
                && matches!(
                    p.code,
                    Code::ExistingPolicyInvalid | Code::ExistingPolicyWrongKind
                )
        });
        if let Some(problem) = refusal {
            refused += 1;
            if problem.message.len() < 20 {
                failures.push(format!(
                    "{}: refused without a reason: {}",
                    entry.source, problem.message
                ));
            }
            continue;
        }
        merged += 1;
        if let Err(why) = invariants::check_all(&request, &response) {
            failures.push(format!("{}: {why}", entry.source));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{merged} merged or fixed, {refused} refused");
    (merged, refused)
}

#[test]
fn every_real_trust_policy_is_merged_keeping_its_conditions_or_refused_saying_why() {
    let entries = corpus("trust-policies.json");
    assert!(entries.len() >= 20);
    let (merged, refused) = check(&entries, Field::ExistingTrustPolicy, |r, p| {
        r.existing_trust_policy = p;
    });
    // Most are policies IAM accepts; the rest fragments and templates.
    assert!(merged >= 15, "{merged} merged, {refused} refused");
}

#[test]
fn every_real_secrets_policy_is_fixed_keeping_its_statements_or_refused_saying_why() {
    let entries = corpus("execution-policies.json");
    assert!(entries.len() >= 25);
    let (merged, refused) = check(&entries, Field::ExistingSecretsPolicy, |r, p| {
        r.existing_secrets_policy = p;
    });
    assert!(merged >= 15, "{merged} fixed, {refused} refused");
}

/// The confused-deputy form AWS's own docs thread proposes (awsdocs/amazon-ecs-developer-
/// guide#208): ECS tasks trusted under `aws:SourceArn` of an account (its poster's
/// `1234567890`) that is not the agent's. Its condition is widened with the agent's, and
/// no statement is added beside it.
#[test]
fn a_real_hardened_trust_policy_for_another_account_is_widened_not_bypassed() {
    let entries = corpus("trust-policies.json");
    let hardened = entries
        .iter()
        .find(|e| e.source == "github:awsdocs/amazon-ecs-developer-guide#208")
        .expect("in the corpus");
    let (account, region) = place(&hardened.policy);
    let response = build(&Request {
        account,
        region,
        existing_trust_policy: hardened.policy.clone(),
        ec2_principal: false,
        ..Request::default()
    });
    let codes: Vec<Code> = response.problems.iter().map(|p| p.code).collect();
    assert!(
        codes.contains(&Code::TrustConditionWidened),
        "{:?}",
        response.problems
    );
    let merged = serde_json::to_value(
        &response
            .document(iam_policy_core::DocumentId::TaskRoleTrustPolicy)
            .expect("the trust policy")
            .policy,
    )
    .expect("JSON");
    let pasted: serde_json::Value = serde_json::from_str(&hardened.policy).expect("JSON");
    assert_eq!(
        merged["Statement"].as_array().map(Vec::len),
        pasted["Statement"].as_array().map(Vec::len)
    );
    assert_eq!(
        merged["Statement"][0]["Condition"]["ArnLike"]["aws:SourceArn"],
        serde_json::json!([
            "arn:aws:ecs:*:1234567890:task/*",
            "arn:aws:ecs:eu-west-1:123456789012:*"
        ])
    );
}

/// fattist/web-terraform's role trusts ecs.amazonaws.com, not ECS tasks.
#[test]
fn a_real_trust_of_the_ecs_service_is_said_to_be_the_wrong_principal() {
    let entries = corpus("trust-policies.json");
    let wrong = entries
        .iter()
        .find(|e| e.source.starts_with("github:fattist/web-terraform"))
        .expect("in the corpus");
    let response = build(&Request {
        account: "123456789012".into(),
        region: "eu-west-1".into(),
        existing_trust_policy: wrong.policy.clone(),
        ..Request::default()
    });
    assert!(
        response
            .problems
            .iter()
            .any(|p| p.code == Code::TrustNamesEcsService),
        "{:?}",
        response.problems
    );
}
