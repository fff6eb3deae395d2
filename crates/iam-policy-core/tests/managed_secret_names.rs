//! Secrets AWS services create and manage are named `<service>!<name>` — RDS's managed
//! master passwords (`rds!db-…`, `rds!cluster-…`), EventBridge connections
//! (`events!connection/…`) — and task definitions reference them like any other secret.
//! Each real name in `tests/data/real/secret-names.json` builds, as a name, an ARN or a
//! `valueFrom`, into a resource that IAM matches to exactly that secret.

use iam_policy_core::read::existing::{Decision, evaluate, read};
use iam_policy_core::{DocumentId, Request, build};
use serde::Deserialize;

#[derive(Deserialize)]
struct Name {
    entry: String,
}

fn names() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/real/secret-names.json"
    );
    let names: Vec<Name> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("the names")).expect("JSON");
    names.into_iter().map(|n| n.entry).collect()
}

/// The real ARN a granted resource stands for: its `-??????` the suffix AWS gave.
fn real_arn(entry: &str, account: &str, region: &str) -> String {
    if entry.starts_with("arn:") {
        let arn: Vec<&str> = entry.split(':').take(7).collect();
        return arn.join(":");
    }
    format!("arn:aws:secretsmanager:{region}:{account}:secret:{entry}-AbC123")
}

#[test]
fn every_aws_managed_name_builds_and_grants_exactly_its_secret() {
    for entry in names() {
        let (account, region) = match entry.split(':').collect::<Vec<_>>()[..] {
            [_, _, _, region, account, ..] => (account.to_owned(), region.to_owned()),
            _ => ("123456789012".to_owned(), "eu-west-1".to_owned()),
        };
        let request = Request {
            account: account.clone(),
            region: region.clone(),
            secrets: vec![entry.clone()],
            ..Request::default()
        };
        let response = build(&request);
        assert!(!response.has_errors(), "{entry}: {:?}", response.problems);
        let document = response
            .document(DocumentId::ExecutionRoleSecretsPolicy)
            .expect("the secrets policy");
        let text = serde_json::to_string(&document.policy).expect("JSON");
        let policy = read(&text).expect("reads back");
        let secret = real_arn(&entry, &account, &region);
        let get = "secretsmanager:GetSecretValue";
        assert_eq!(
            evaluate(&policy.statements, get, &secret).decision,
            Decision::Allowed,
            "{entry} → {text}"
        );
        // Its neighbours are not: another RDS instance's, or the name without its mark.
        for other in [secret.replacen('!', "-", 1), secret.replacen("-", "-0", 1)] {
            assert_eq!(
                evaluate(&policy.statements, get, &other).decision,
                Decision::Denied,
                "{entry} also grants {other}"
            );
        }
    }
}

#[test]
fn a_mark_anywhere_but_after_the_service_is_still_refused_saying_where() {
    for (entry, position) in [
        ("my!secret!", 10),
        ("!rds", 1),
        ("RDS!db-1", 4),
        ("rds!", 4),
        ("a/rds!db", 6),
    ] {
        let response = build(&Request {
            account: "123456789012".into(),
            region: "eu-west-1".into(),
            secrets: vec![entry.to_owned()],
            ..Request::default()
        });
        let problem = response
            .problems
            .iter()
            .find(|p| serde_json::to_value(p.code).expect("code") == "secret-invalid-character")
            .unwrap_or_else(|| panic!("{entry}: {:?}", response.problems));
        assert!(
            problem.message.contains(&format!("at position {position}")),
            "{entry}: {}",
            problem.message
        );
    }
}
