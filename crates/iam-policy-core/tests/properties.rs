//! Properties that hold for any request: no panic, valid JSON, well-formed ARNs in the
//! region's partition, `*` only when asked for, sizes that match, the same bytes twice.
//! 10,000 cases each; failures shrink and are saved in `properties.proptest-regressions`.

use iam_policy_core::partition::{PARTITIONS, Partition};
use iam_policy_core::region::{REGIONS, Region};
use iam_policy_core::{Request, Response, SecretScope, build};
use proptest::prelude::*;
use serde_json::Value;

/// Mostly plausible values, some near misses, some noise: the mix people paste.
fn account() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{12}",
        "[0-9]{4}[- ][0-9]{4}[- ][0-9]{4}",
        "[0-9]{0,14}",
        "arn:aws:iam::[0-9]{12}:root",
        any::<String>(),
    ]
}

fn region() -> impl Strategy<Value = String> {
    let known: Vec<String> = REGIONS.iter().map(|r| r.code.to_owned()).collect();
    prop_oneof![
        4 => proptest::sample::select(known.clone()),
        1 => proptest::sample::select(known).prop_map(|code| format!("{code}b")),
        1 => "[a-z]{2}-[a-z]{4,9}-[0-9]",
        1 => any::<String>(),
    ]
}

fn secret_entry() -> impl Strategy<Value = String> {
    let partitions: Vec<&str> = PARTITIONS.iter().map(|p| p.id).collect();
    let regions: Vec<&str> = REGIONS.iter().map(|r| r.code).collect();
    prop_oneof![
        4 => "[A-Za-z0-9/_+=.@-]{1,40}",
        1 => "[a-z/]{1,10}\\*",
        1 => "[a-z]{1,8}-[A-Za-z0-9]{6}",
        2 => (proptest::sample::select(partitions), proptest::sample::select(regions), "[0-9]{12}", "[a-z/]{1,20}", "(-[A-Za-z0-9]{6})?", "(:[a-z]{0,8}:[A-Z]{0,10}:)?")
            .prop_map(|(p, r, a, n, s, tail)| format!("arn:{p}:secretsmanager:{r}:{a}:secret:{n}{s}{tail}")),
        1 => any::<String>(),
    ]
}

fn scope() -> impl Strategy<Value = SecretScope> {
    prop_oneof![
        4 => Just(SecretScope::Listed),
        1 => Just(SecretScope::Prefix),
        1 => Just(SecretScope::Region),
        1 => Just(SecretScope::All),
    ]
}

prop_compose! {
    fn request()(
        account in account(),
        region in region(),
        secrets in proptest::collection::vec(secret_entry(), 0..6),
        all_secrets in proptest::bool::weighted(0.1),
        secret_scope in scope(),
        secret_prefix in prop_oneof!["[a-z]{1,8}/", any::<String>()],
        ec2_principal in any::<bool>(),
        source_conditions in any::<bool>(),
        kms_keys in proptest::collection::vec(prop_oneof!["[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", any::<String>()], 0..3),
        parameters in proptest::collection::vec(prop_oneof!["(/[a-z]{1,6}){1,3}", any::<String>()], 0..3),
        task_role_policy in any::<bool>(),
        runtime_secrets in proptest::collection::vec(secret_entry(), 0..3),
        staging_buckets in proptest::collection::vec(prop_oneof!["[a-z0-9]{3,20}", "s3://[a-z0-9]{3,10}/[a-z]{1,5}/", any::<String>()], 0..3),
    ) -> Request {
        Request {
            account, region, secrets, all_secrets, secret_scope, secret_prefix, ec2_principal,
            source_conditions, kms_keys, parameters, task_role_policy, runtime_secrets, staging_buckets,
        }
    }
}

/// (document complete?, the statement's Action as JSON, one resource) for every resource.
fn resources(response: &Response) -> Vec<(bool, String, String)> {
    let mut out = Vec::new();
    for document in &response.documents {
        let policy = serde_json::to_value(&document.policy).expect("serialises");
        for statement in policy["Statement"].as_array().expect("a list") {
            let action = statement["Action"].to_string();
            let listed = match &statement["Resource"] {
                Value::String(one) => vec![one.clone()],
                Value::Array(many) => many
                    .iter()
                    .map(|v| v.as_str().expect("strings").to_owned())
                    .collect(),
                _ => Vec::new(),
            };
            out.extend(
                listed
                    .into_iter()
                    .map(|r| (document.complete, action.clone(), r)),
            );
        }
    }
    out
}

/// `arn:<known partition>:<service>:<region or empty>:<12 digits or empty>:<resource>`.
fn is_well_formed_arn(text: &str) -> bool {
    let fields: Vec<&str> = text.splitn(6, ':').collect();
    let [arn, partition, service, region, account, resource] = fields[..] else {
        return false;
    };
    arn == "arn"
        && Partition::by_id(partition).is_some()
        && ["secretsmanager", "kms", "ssm", "s3", "ecs"].contains(&service)
        && (region.is_empty() || Region::lookup(region).is_some())
        && (account.is_empty()
            || (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())))
        && !resource.is_empty()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn any_request_builds_valid_json_whose_sizes_match(request in request()) {
        let response = build(&request);
        let json = serde_json::to_string(&response).expect("the response serialises");
        prop_assert!(serde_json::from_str::<Value>(&json).is_ok());
        for document in &response.documents {
            let compact = serde_json::to_string(&document.policy).expect("serialises");
            prop_assert_eq!(document.size.characters, compact.chars().count());
            if document.complete {
                // The only characters IAM accepts in a policy: tab, LF, CR, U+0020–U+00FF.
                let iam_accepts = |c: char| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{ff}');
                prop_assert!(compact.chars().all(iam_accepts), "IAM would reject {}", compact);
            }
        }
    }

    #[test]
    fn complete_documents_hold_only_well_formed_arns_of_the_regions_partition(request in request()) {
        let response = build(&request);
        let partition = Region::parse(&request.region).ok().map(|r| r.partition().id);
        for (complete, _, resource) in resources(&response) {
            if !complete || resource == "*" {
                continue;
            }
            prop_assert!(is_well_formed_arn(&resource), "{resource}");
            if let Some(partition) = partition {
                prop_assert_eq!(resource.split(':').nth(1), Some(partition), "{}", resource);
            }
        }
    }

    #[test]
    fn no_wildcard_resource_unless_the_request_asked_for_one(request in request()) {
        let response = build(&request);
        let asked_everything = request.all_secrets || request.secret_scope == SecretScope::All;
        let asked_broad = asked_everything || request.secret_scope != SecretScope::Listed;
        let typed_wildcard = [&request.secrets, &request.parameters, &request.runtime_secrets, &request.staging_buckets]
            .iter()
            .any(|list| list.iter().any(|entry| entry.contains('*')));
        for (_, action, resource) in resources(&response) {
            if resource == "*" {
                // ListSecrets works only on "*", and only the task role policy asks for it.
                prop_assert!(asked_everything || action == "\"secretsmanager:ListSecrets\"", "a bare * for {action}");
            } else if resource.ends_with('*') && !resource.contains(":s3:::") {
                prop_assert!(asked_broad || typed_wildcard, "{resource}");
            }
        }
    }

    #[test]
    fn the_same_request_gives_the_same_bytes(request in request()) {
        let first = serde_json::to_string(&build(&request)).expect("serialises");
        let second = serde_json::to_string(&build(&request.clone())).expect("serialises");
        prop_assert_eq!(first, second);
    }
}
