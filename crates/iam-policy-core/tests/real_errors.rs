//! The error reader against texts real people pasted in public issues, pull requests,
//! forums and pages (`tests/data/real/ecs-errors.json`, each verbatim with its source and
//! what its thread established; the folder's README says how they were gathered). Every
//! text gets the cause its family names — none a wrong one — and every part the corpus
//! records; a part the corpus leaves out (a placeholder, a redaction) is never invented.

use iam_policy_core::read::ecs_error::{Cause, diagnose};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Entry {
    text: String,
    source: String,
    family: String,
    #[serde(default)]
    parts: BTreeMap<String, String>,
}

fn corpus() -> Vec<Entry> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/real/ecs-errors.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("the corpus")).expect("entries")
}

/// The cause each family of the corpus is, when the text carries it.
fn cause_of(family: &str) -> Cause {
    match family {
        "secret-access-denied" => Cause::SecretAccessDenied,
        "parameter-access-denied" => Cause::ParameterAccessDenied,
        "kms-access-denied" => Cause::KmsAccessDenied,
        "explicit-deny" => Cause::ExplicitDeny,
        "secret-not-found" => Cause::SecretNotFound,
        "secret-value-missing" => Cause::SecretValueMissing,
        "secret-scheduled-for-deletion" => Cause::SecretScheduledForDeletion,
        "json-key-missing" => Cause::JsonKeyMissing,
        "secret-not-json" => Cause::SecretNotJson,
        "network" => Cause::Network,
        "execution-role-missing" => Cause::ExecutionRoleMissing,
        "role-not-assumable" => Cause::RoleNotAssumable,
        "service-linked-role" => Cause::ServiceLinkedRoleMissing,
        "self-assume" => Cause::SelfAssumeDenied,
        "assume-role-denied" => Cause::AssumeRoleDenied,
        "registry-auth" => Cause::RegistryAuth,
        "ecr-access-denied" => Cause::EcrAccessDenied,
        "private-registry-auth" => Cause::PrivateRegistryAuth,
        "parameter-not-found" => Cause::ParameterNotFound,
        "image-not-found" => Cause::ImageNotFound,
        "image-platform" => Cause::ImagePlatform,
        "image-pull-access-denied" => Cause::ImagePullAccessDenied,
        "logger-args" => Cause::LoggerArgs,
        "other" => Cause::Unrecognised,
        other => panic!("the corpus names a family the test does not know: {other}"),
    }
}

/// Texts whose words say less (or other) than their family: cut off before the reason, or
/// a family the thread established from more than the pasted text. Each says why, and
/// what the reader must answer instead — never a cause the text contradicts.
fn expected(entry: &Entry) -> Cause {
    let exception = EXCEPTIONS
        .iter()
        .find(|(source, start, _, _)| *source == entry.source && entry.text.starts_with(start));
    match exception {
        Some((_, _, cause, _)) => *cause,
        None => cause_of(&entry.family),
    }
}

/// (source, the text's start, the cause the text supports, why).
const EXCEPTIONS: &[(&str, &str, Cause, &str)] = &[
    (
        "github:GovWifi/govwifi-terraform#450",
        "Stopped reason",
        Cause::SecretsUnreadable,
        "the poster cut the text after the secret's account, before its reason",
    ),
    (
        "github:aws-samples/dataops-platform-airflow-dbt#12",
        "ResourceInitializationError",
        Cause::SecretsUnreadable,
        "an issue title GitHub cut before the reason; the thread found the network",
    ),
    (
        "https://aws.amazon.com/jp/premiumsupport/knowledge-center/ecs-unable-to-pull-secrets/",
        "ResourceInitializationError",
        Cause::SecretsUnreadable,
        "the article's text has no reason; it names the network and the role's permissions as causes",
    ),
    (
        "https://repost.aws/ja/knowledge-center/ecs-unable-to-pull-secrets",
        "ResourceInitializationError",
        Cause::SecretsUnreadable,
        "the same, in Japanese",
    ),
    (
        "https://repost.aws/es/knowledge-center/ecs-unable-to-pull-secrets",
        "ResourceInitializationError",
        Cause::SecretsUnreadable,
        "the same, in Spanish",
    ),
    (
        "github:aws/aws-app-mesh-examples#413",
        "ResourceInitializationError",
        Cause::Network,
        "RequestError: send request failed is the SDK failing to reach ECR, which is what the thread found",
    ),
    (
        "https://errornotes.dev/vi/errors/aws/fix-aws-ecs-resourceinitializationerror-unable-to-retrieve-ecr-registry-auth",
        "ResourceInitializationError",
        Cause::Network,
        "RequestError: send request failed: the request never reached ECR, so this text is the network one of the post's two causes",
    ),
    (
        "github:aws/aws-xray-daemon#146",
        "CannotPullContainerError",
        Cause::ImagePullFailed,
        "an image pull cut before its reason: a failed pull, not an IAM error",
    ),
    (
        "github:UMassCDS/cds-modularity#22",
        "User:",
        Cause::PassRoleDenied,
        "the thread found the caller needed iam:PassRole, which the text names",
    ),
    (
        "https://www.repost.aws/fr/knowledge-center/ecs-unable-to-pull-secrets",
        "ResourceInitializationError",
        Cause::SecretReferenceInvalid,
        "the page's cause: a version id in valueFrom of the wrong length, which Secrets Manager's validation error names",
    ),
];

#[test]
fn every_real_text_gets_its_cause_and_its_parts() {
    let mut failures = Vec::new();
    let entries = corpus();
    for (index, entry) in entries.iter().enumerate() {
        let d = diagnose(&entry.text);
        let want = expected(entry);
        let label = format!("#{index} {} ({})", entry.source, entry.family);
        if d.cause != want {
            failures.push(format!(
                "{label}: {:?}, expected {want:?}: {}",
                d.cause, d.message
            ));
            continue;
        }
        let got: [(&str, &Option<String>); 5] = [
            ("role", &d.role),
            ("account", &d.account),
            ("region", &d.region),
            ("resource", &d.resource),
            ("action", &d.action),
        ];
        let flat: String = entry.text.split_whitespace().collect();
        for (part, value) in got {
            match (entry.parts.get(part), value) {
                (Some(expected), Some(found)) if expected == found => {}
                (Some(expected), found) => {
                    failures.push(format!("{label}: {part} {found:?}, expected {expected:?}"))
                }
                // What the corpus leaves out may be read only when it is in the text as it
                // is, and never an account or region (a redacted one is left out).
                (None, Some(found)) if matches!(part, "account" | "region") => failures.push(
                    format!("{label}: {part} {found:?} read where the corpus has none"),
                ),
                (None, Some(found)) if !flat.contains(found.as_str()) => {
                    failures.push(format!("{label}: {part} {found:?} is not in the text"))
                }
                (None, _) => {}
            }
        }
    }
    let total = entries.len();
    assert!(
        failures.is_empty(),
        "{} of {total} real texts:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_corpus_covers_every_family_the_reader_knows() {
    let entries = corpus();
    assert!(entries.len() >= 80, "{} texts", entries.len());
    let mut per_family: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in &entries {
        *per_family.entry(entry.family.as_str()).or_default() += 1;
    }
    for family in [
        "secret-access-denied",
        "parameter-access-denied",
        "kms-access-denied",
        "explicit-deny",
        "network",
        "role-not-assumable",
        "service-linked-role",
        "self-assume",
        "registry-auth",
        "ecr-access-denied",
        "private-registry-auth",
        "parameter-not-found",
        "secret-not-json",
        "image-not-found",
        "image-platform",
        "image-pull-access-denied",
        "logger-args",
    ] {
        assert!(
            per_family.get(family).is_some_and(|&n| n > 0),
            "no {family} text"
        );
    }
}

/// The shapes real texts arrive in, applied to every real text: a service event's
/// wrapper, a stopped-task wrapper, `describe-tasks` JSON, and a terminal that hard-wraps
/// at 72 columns under an indent (splitting words). Each gives the cause the text alone
/// gives.
#[test]
fn every_real_text_reads_the_same_in_every_wrapper_and_wrap() {
    let mut failures = Vec::new();
    for entry in corpus() {
        let alone = diagnose(&entry.text).cause;
        let one_line = entry.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let json = serde_json::to_string(&one_line).expect("JSON");
        let chars: Vec<char> = one_line.chars().collect();
        let wrapped = chars
            .chunks(72)
            .map(|line| format!("        {}", line.iter().collect::<String>()))
            .collect::<Vec<_>>()
            .join("\n");
        let mut shapes = vec![
            (
                "service event",
                format!("(service agent) was unable to place a task. Reason: {one_line}."),
            ),
            (
                "stopped task",
                format!("ECS task stopped due to: {one_line}"),
            ),
            ("describe-tasks", format!("\"stoppedReason\": {json},")),
        ];
        // A wrap shows only when several lines share its width: two lines could as well
        // be a line break the text had.
        if chars.len() >= 3 * 72 {
            shapes.push(("hard-wrapped", wrapped));
        }
        for (shape, text) in shapes {
            let cause = diagnose(&text).cause;
            if cause != alone {
                failures.push(format!(
                    "{} as {shape}: {cause:?}, alone {alone:?}",
                    entry.source
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
