//! A web-identity trust policy the runner role already has, pasted to merge into: the new
//! service account joins the `:sub` list of the statement for the same provider, the
//! conditions are never dropped or bypassed, and what was pasted is never lost. Examples
//! first (the console wizard's policy, Matillion's own module's, a Deny), then properties
//! over generated policies, evaluated by the independent test evaluator.

#[path = "support/cases.rs"]
mod cases;
#[path = "support/trust_eval.rs"]
mod trust_eval;

use cases::codes;
use iam_policy_core::model::Origin;
use iam_policy_core::{Request, Response, Severity, build};
use proptest::prelude::*;
use serde_json::{Value, json};
use trust_eval::{Decision, decide, web_identity};

const ISSUER: &str = "oidc.eks.eu-west-1.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128";
const OLD_ISSUER: &str = "oidc.eks.eu-west-1.amazonaws.com/id/5C2A1B0F9E8D7C6B5A4F3E2D1C0B9A87";

fn provider(issuer: &str) -> String {
    format!("arn:aws:iam::123456789012:oidc-provider/{issuer}")
}

fn subject(namespace: &str, account: &str) -> String {
    format!("system:serviceaccount:{namespace}:{account}")
}

fn merge(pasted: &Value, accounts: &[&str]) -> Response {
    let request: Request = serde_json::from_value(json!({
        "platform": "eks",
        "account": "123456789012",
        "region": "eu-west-1",
        "oidcIssuer": ISSUER,
        "serviceAccounts": accounts,
        "secrets": ["matillion/agent"],
        "existingRunnerTrustPolicy": serde_json::to_string_pretty(pasted).expect("JSON"),
    }))
    .expect("a request");
    build(&request)
}

fn trust(response: &Response) -> (Value, Origin, Vec<String>) {
    let document = response
        .documents
        .iter()
        .find(|d| d.id.as_str() == "runner-role-trust-policy")
        .expect("the trust document");
    (
        serde_json::to_value(&document.policy).expect("serialises"),
        document.origin,
        document.changes.clone().unwrap_or_default(),
    )
}

fn allowed(policy: &Value, who: &str) -> bool {
    decide(
        policy,
        &web_identity(&provider(ISSUER), ISSUER, who, "sts.amazonaws.com"),
    ) == Decision::Allowed
}

fn wizard() -> Value {
    // The console's Web identity wizard writes only the audience (awsdocs/amazon-eks-user-guide
    // issue 503, tests/data/real/trust-policies.json), with this cluster's provider.
    json!({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow",
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Principal": {"Federated": provider(ISSUER)},
        "Condition": {"StringEquals": {format!("{ISSUER}:aud"): ["sts.amazonaws.com"]}}
    }]})
}

#[test]
fn the_wizards_policy_gains_the_subject_line_and_says_it_now_trusts_only_those() {
    let response = merge(&wizard(), &["matillion-runner-sa"]);
    let (policy, origin, changes) = trust(&response);
    assert_eq!(origin, Origin::Existing);
    assert_eq!(
        policy["Statement"][0]["Condition"]["StringEquals"],
        json!({
            format!("{ISSUER}:aud"): ["sts.amazonaws.com"],
            format!("{ISSUER}:sub"): "system:serviceaccount:matillion:matillion-runner-sa",
        })
    );
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(codes(&response).contains(&"web-identity-trust-narrowed".to_owned()));
    assert!(allowed(
        &policy,
        &subject("matillion", "matillion-runner-sa")
    ));
    assert!(!allowed(&policy, &subject("kube-system", "aws-node")));
}

#[test]
fn a_new_service_account_joins_the_subject_list_of_the_same_providers_statement() {
    let mut pasted = wizard();
    pasted["Statement"][0]["Condition"]["StringEquals"][format!("{ISSUER}:sub")] =
        json!("system:serviceaccount:matillion:matillion-runner-sa");
    let response = merge(
        &pasted,
        &["matillion-runner-sa", "matillion-runner-script-runner-sa"],
    );
    let (policy, origin, changes) = trust(&response);
    assert_eq!(origin, Origin::Existing);
    assert_eq!(
        policy["Statement"][0]["Condition"]["StringEquals"][format!("{ISSUER}:sub")],
        json!([
            "system:serviceaccount:matillion:matillion-runner-sa",
            "system:serviceaccount:matillion:matillion-runner-script-runner-sa"
        ])
    );
    assert_eq!(policy["Statement"].as_array().map(Vec::len), Some(1));
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert!(codes(&response).contains(&"web-identity-trust-merged".to_owned()));
}

#[test]
fn a_policy_that_already_trusts_the_subject_is_returned_unchanged() {
    let mut pasted = wizard();
    pasted["Statement"][0]["Condition"]["StringEquals"][format!("{ISSUER}:sub")] =
        json!(["system:serviceaccount:matillion:matillion-runner-sa"]);
    let response = merge(&pasted, &["matillion-runner-sa"]);
    let (policy, _, changes) = trust(&response);
    assert_eq!(policy, pasted);
    assert!(changes.is_empty());
    assert!(codes(&response).contains(&"web-identity-trust-already-allows".to_owned()));
}

#[test]
fn matillions_module_pattern_already_lets_the_runner_in_and_is_said_to_let_others_in_too() {
    // matillion-public/deployment-library modules/aws/eks/main.tf (FACTS-EKS §4).
    let pasted = json!({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow",
        "Principal": {"Federated": provider(ISSUER)},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {
            "StringLike": {format!("{ISSUER}:sub"): [
                "system:serviceaccount:matillion:matillion-runner-sa",
                "system:serviceaccount:*:matillion-runner-sa",
                "system:serviceaccount:*:*-script-runner-sa"
            ]},
            "StringEquals": {format!("{ISSUER}:aud"): "sts.amazonaws.com"}
        }
    }]});
    let response = merge(&pasted, &["matillion-runner-sa"]);
    let (policy, _, changes) = trust(&response);
    assert_eq!(policy, pasted);
    assert!(changes.is_empty());
    let broad = response
        .problems
        .iter()
        .find(|p| serde_json::to_value(p.code).expect("code") == "web-identity-trust-too-broad")
        .expect("the breadth is said");
    assert_eq!(broad.severity, Severity::Warning);
    assert_eq!(
        broad.document.map(|d| d.as_str()),
        Some("runner-role-trust-policy")
    );
    assert!(
        broad
            .message
            .contains("system:serviceaccount:*:matillion-runner-sa"),
        "{}",
        broad.message
    );
}

#[test]
fn another_clusters_statement_is_kept_and_this_cluster_gets_its_own() {
    let pasted = json!({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow",
        "Principal": {"Federated": provider(OLD_ISSUER)},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {"StringEquals": {
            format!("{OLD_ISSUER}:sub"): "system:serviceaccount:matillion:matillion-runner-sa",
            format!("{OLD_ISSUER}:aud"): "sts.amazonaws.com"
        }}
    }]});
    let response = merge(&pasted, &["matillion-runner-sa"]);
    let (policy, _, changes) = trust(&response);
    assert_eq!(policy["Statement"][0], pasted["Statement"][0]);
    assert_eq!(policy["Statement"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        policy["Statement"][1]["Principal"]["Federated"],
        json!(provider(ISSUER))
    );
    assert_eq!(changes.len(), 1);
    assert!(allowed(
        &policy,
        &subject("matillion", "matillion-runner-sa")
    ));
}

#[test]
fn a_deny_in_the_way_is_named_and_the_pasted_policy_kept() {
    let mut pasted = wizard();
    pasted["Statement"]
        .as_array_mut()
        .expect("list")
        .push(json!({
            "Sid": "NoWebIdentity", "Effect": "Deny",
            "Principal": {"Federated": provider(ISSUER)},
            "Action": "sts:AssumeRoleWithWebIdentity"
        }));
    let response = merge(&pasted, &["matillion-runner-sa"]);
    let (policy, _, _) = trust(&response);
    assert_eq!(policy, pasted);
    assert!(codes(&response).contains(&"web-identity-trust-denied".to_owned()));
    assert!(response.has_errors());
    assert!(!response.documents[0].complete);
}

#[test]
fn an_audience_the_pods_token_does_not_carry_is_said_and_nothing_is_added_beside_it() {
    // aws/amazon-eks-pod-identity-webhook issue 232: `sts.amazon.com` for `sts.amazonaws.com`.
    let mut pasted = wizard();
    pasted["Statement"][0]["Condition"]["StringEquals"][format!("{ISSUER}:aud")] =
        json!("sts.amazon.com");
    let response = merge(&pasted, &["matillion-runner-sa"]);
    let (policy, _, changes) = trust(&response);
    // Widening the audience would let in whoever else the statement names; a statement
    // beside it would bypass it. Neither: the person fixes what they wrote.
    assert_eq!(policy, pasted);
    assert!(changes.is_empty());
    let said = response
        .problems
        .iter()
        .find(|p| serde_json::to_value(p.code).expect("code") == "web-identity-condition-undecided")
        .expect("said");
    assert!(
        said.message.contains("sts.amazonaws.com"),
        "{}",
        said.message
    );
}

#[test]
fn conditions_the_builder_cannot_judge_are_left_and_said() {
    let mut pasted = wizard();
    pasted["Statement"][0]["Condition"]["StringNotEquals"] =
        json!({format!("{ISSUER}:sub"): "system:serviceaccount:matillion:matillion-runner-sa"});
    let response = merge(&pasted, &["matillion-runner-sa"]);
    let (policy, _, _) = trust(&response);
    assert_eq!(
        policy["Statement"].as_array().map(Vec::len),
        Some(1),
        "nothing beside it"
    );
    assert_eq!(
        policy["Statement"][0]["Condition"]["StringNotEquals"],
        pasted["Statement"][0]["Condition"]["StringNotEquals"]
    );
    assert!(codes(&response).contains(&"web-identity-condition-undecided".to_owned()));
}

// ---- properties ----

const NAMESPACES: [&str; 3] = ["matillion", "kube-system", "*"];
const ACCOUNTS: [&str; 4] = [
    "matillion-runner-sa",
    "matillion-runner-script-runner-sa",
    "default",
    "*-sa",
];

fn sub_values() -> impl Strategy<Value = Value> {
    let one = (
        proptest::sample::select(NAMESPACES.to_vec()),
        proptest::sample::select(ACCOUNTS.to_vec()),
    )
        .prop_map(|(ns, sa)| subject(ns, sa));
    (proptest::collection::vec(one, 1..4), any::<bool>()).prop_map(|(subjects, list)| {
        if list || subjects.len() > 1 {
            json!(subjects)
        } else {
            json!(subjects[0])
        }
    })
}

/// A statement as web-identity trust policies have them, for this cluster's provider or
/// another's, with the conditions people write — or a service's, or a Deny.
fn statement() -> impl Strategy<Value = Value> {
    let issuer = proptest::sample::select(vec![ISSUER, OLD_ISSUER]);
    let web = (
        issuer,
        proptest::option::of(prop_oneof![Just("sts.amazonaws.com"), Just("sts.amazon.com")]),
        proptest::option::of((proptest::sample::select(vec!["StringEquals", "StringLike", "StringNotEquals", "ForAnyValue:StringLike"]), sub_values())),
        proptest::option::of(Just(json!({"aws:PrincipalTag/team": "data"}))),
        prop_oneof![4 => Just("Allow"), 1 => Just("Deny")],
        prop_oneof![Just(json!("sts:AssumeRoleWithWebIdentity")), Just(json!(["sts:AssumeRoleWithWebIdentity", "sts:TagSession"])), Just(json!("sts:*"))],
    )
        .prop_map(|(issuer, aud, sub, other, effect, action)| {
            let mut condition = serde_json::Map::new();
            if let Some(aud) = aud {
                condition.insert("StringEquals".into(), json!({format!("{issuer}:aud"): aud}));
            }
            if let Some((operator, values)) = sub {
                let block = condition.entry(operator).or_insert_with(|| json!({}));
                block[format!("{issuer}:sub")] = values;
            }
            if let Some(other) = other {
                condition.insert("StringEqualsIfExists".into(), other);
            }
            let mut statement = json!({"Effect": effect, "Principal": {"Federated": provider(issuer)}, "Action": action});
            if !condition.is_empty() {
                statement["Condition"] = Value::Object(condition);
            }
            statement
        });
    prop_oneof![
        6 => web,
        1 => Just(json!({"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"})),
        1 => Just(json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"})),
    ]
}

fn pasted_policy() -> impl Strategy<Value = Value> {
    (proptest::collection::vec(statement(), 1..4), any::<bool>()).prop_map(|(statements, one)| {
        let statement = if one && statements.len() == 1 {
            statements[0].clone()
        } else {
            Value::Array(statements)
        };
        json!({"Version": "2012-10-17", "Statement": statement})
    })
}

fn statements(policy: &Value) -> Vec<Value> {
    match &policy["Statement"] {
        Value::Array(items) => items.clone(),
        one => vec![one.clone()],
    }
}

/// Every value of `before` is in `after`: objects keep every key (and may gain some),
/// a string stays or becomes a list holding it, a list keeps every item.
fn kept(before: &Value, after: &Value) -> bool {
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            b.iter().all(|(k, v)| a.get(k).is_some_and(|w| kept(v, w)))
        }
        (Value::Array(b), Value::Array(a)) => b.iter().all(|v| a.iter().any(|w| kept(v, w))),
        (Value::String(_), Value::Array(a)) => a.contains(before),
        (b, a) => b == a,
    }
}

const PROBES: [(&str, &str); 4] = [
    ("kube-system", "matillion-runner-sa"),
    ("matillion", "default"),
    ("other", "other-sa"),
    ("matillion", "matillion-runner-script-runner-sa"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn a_merge_keeps_everything_pasted_lets_the_runner_in_and_no_one_else(
        pasted in pasted_policy(),
        accounts in proptest::sample::subsequence(vec!["matillion-runner-sa", "matillion-runner-script-runner-sa"], 1..3),
    ) {
        let response = merge(&pasted, &accounts);
        let (merged, origin, changes) = trust(&response);
        prop_assert_eq!(origin, Origin::Existing);
        // Nothing pasted is lost: every statement, at its place, with every value.
        let (before, after) = (statements(&pasted), statements(&merged));
        prop_assert!(after.len() >= before.len());
        for (b, a) in before.iter().zip(&after) {
            prop_assert!(kept(b, a), "{} became {}", b, a);
            prop_assert_eq!(&b["Principal"], &a["Principal"]);
            prop_assert_eq!(&b["Effect"], &a["Effect"]);
            prop_assert_eq!(&b["Action"], &a["Action"]);
        }
        // Every change is said.
        prop_assert_eq!(changes.is_empty(), merged == pasted);
        let codes = codes(&response);
        let undecided = codes.contains(&"web-identity-condition-undecided".to_owned());
        let denied = codes.contains(&"web-identity-trust-denied".to_owned());
        // The only errors a valid form with a pasted policy can have: a Deny in the way, or
        // a document over IAM's size (a long paste plus what the merge added).
        for problem in response.problems.iter().filter(|p| p.severity == Severity::Error) {
            let code = serde_json::to_value(problem.code).expect("code");
            prop_assert!(code == "web-identity-trust-denied" || code == "document-too-large", "{:?}", problem);
        }
        if denied || undecided {
            // Nothing is added beside a Deny or a condition the builder could not judge.
            prop_assert_eq!(after.len(), before.len());
        } else {
            for account in &accounts {
                prop_assert!(allowed(&merged, &subject("matillion", account)), "{} not let in: {}", account, merged);
            }
        }
        // No one else is let in who was not before: a condition was never bypassed.
        for (namespace, account) in PROBES {
            if accounts.contains(&account) && namespace == "matillion" {
                continue;
            }
            let who = subject(namespace, account);
            prop_assert!(!allowed(&merged, &who) || allowed(&pasted, &who), "{} let in by the merge: {}", who, merged);
        }
    }
}

/// Every trust policy of the real corpus that is JSON (`tests/data/real/eks-trust-policies.json`:
/// AWS's examples, Matillion's modules, China and GovCloud roles, broken shapes people
/// posted), merged for this cluster's runner: nothing it held is lost, and the runner is let
/// in unless the response says why not.
#[test]
fn every_real_trust_policy_merges_without_losing_anything() {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Entry {
        policy: String,
        source: String,
        valid_json: bool,
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/real/eks-trust-policies.json"
    );
    let entries: Vec<Entry> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the corpus")).expect("entries");
    let mut merged_count = 0;
    for entry in entries.iter().filter(|e| e.valid_json) {
        let pasted: Value = serde_json::from_str(&entry.policy).expect("valid JSON");
        let response = merge(&pasted, &["matillion-runner-sa"]);
        let (merged, origin, _) = trust(&response);
        let codes = codes(&response);
        if origin != Origin::Existing {
            // Not a policy IAM accepts, or not a trust policy: said on the field.
            assert!(
                codes.iter().any(|c| c.starts_with("existing-policy")),
                "{}: {codes:?}",
                entry.source
            );
            continue;
        }
        merged_count += 1;
        for (b, a) in statements(&pasted).iter().zip(&statements(&merged)) {
            assert!(kept(b, a), "{}: {b} became {a}", entry.source);
        }
        let refused = codes
            .iter()
            .any(|c| c == "web-identity-trust-denied" || c == "web-identity-condition-undecided");
        assert!(
            refused || allowed(&merged, &subject("matillion", "matillion-runner-sa")),
            "{}: {merged}",
            entry.source
        );
    }
    assert!(
        merged_count >= 5,
        "only {merged_count} real policies merged"
    );
}
