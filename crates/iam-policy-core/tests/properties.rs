//! Properties that hold for any request: no panic, valid JSON, well-formed ARNs in the
//! region's partition, `*` only when asked for, sizes that match, the same bytes twice.
//! 10,000 cases each; failures shrink and are saved in `properties.proptest-regressions`.

#[path = "support/invariants.rs"]
mod invariants;

use iam_policy_core::aws::partition::PARTITIONS;
use iam_policy_core::aws::region::REGIONS;
use iam_policy_core::{Request, SecretScope, build};
use proptest::prelude::*;

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

/// A trust policy as roles have them: services as a string or a list, another account,
/// a Deny, conditions, one statement object — or text that is not one at all.
fn pasted_trust_policy() -> impl Strategy<Value = String> {
    let statement = prop_oneof![
        (proptest::sample::subsequence(vec!["ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "lambda.amazonaws.com"], 1..3), any::<bool>())
            .prop_map(|(services, list)| if list || services.len() > 1 {
                serde_json::json!({"Effect": "Allow", "Principal": {"Service": services}, "Action": "sts:AssumeRole"})
            } else {
                serde_json::json!({"Effect": "Allow", "Principal": {"Service": services[0]}, "Action": "sts:AssumeRole"})
            }),
        Just(serde_json::json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"})),
        Just(serde_json::json!({"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}})),
        Just(serde_json::json!({"Effect": "Deny", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"})),
        // ECS tasks under AWS's confused-deputy conditions: the typed account or another,
        // the typed region or another, a task-definition ARN that never matches, a key the
        // builder cannot decide, a cluster.
        (
            proptest::sample::select(vec!["123456789012", "999999999999"]),
            proptest::sample::select(vec![
                "arn:aws:ecs:eu-west-1:123456789012:*",
                "arn:aws:ecs:us-east-1:123456789012:*",
                "arn:aws:ecs:eu-west-1:123456789012:task-definition/agent:*",
                "arn:aws:ecs:eu-west-1:123456789012:task/prod/*",
            ]),
            any::<bool>(),
        )
            .prop_map(|(account, arn, org)| {
                let mut condition = serde_json::json!({"ArnLike": {"aws:SourceArn": arn}, "StringEquals": {"aws:SourceAccount": account}});
                if org {
                    condition["StringEquals"]["aws:PrincipalOrgID"] = serde_json::json!("o-abc");
                }
                serde_json::json!({"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole", "Condition": condition})
            }),
    ];
    prop_oneof![
        3 => Just(String::new()),
        4 => (proptest::collection::vec(statement, 1..4), any::<bool>()).prop_map(|(statements, one)| {
            let statement = if one && statements.len() == 1 { statements[0].clone() } else { serde_json::Value::Array(statements) };
            serde_json::json!({"Version": "2012-10-17", "Statement": statement}).to_string()
        }),
        1 => any::<String>(),
    ]
}

/// A secrets policy as people write them: names with and without the suffix, another
/// account or region, a typo'd action, `*`, a Deny — or not JSON.
fn pasted_secrets_policy() -> impl Strategy<Value = String> {
    let resource = prop_oneof![
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:[a-z/]{1,12}",
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:[a-z/]{1,12}-\\?\\?\\?\\?\\?\\?",
        "arn:aws:secretsmanager:us-east-1:[0-9]{12}:secret:[a-z/]{1,12}",
        Just("*".to_owned()),
    ];
    let statement = (
        prop_oneof![4 => Just("Allow"), 1 => Just("Deny")],
        prop_oneof![
            Just("secretsmanager:GetSecretValue"),
            Just("secretsmanager:GetSecretValues"),
            Just("kms:Decrypt"),
            Just("s3:GetObject")
        ],
        proptest::collection::vec(resource, 1..4),
        proptest::option::weighted(
            0.1,
            Just(serde_json::json!({"StringEquals": {"aws:ResourceTag/team": "data"}})),
        ),
    )
        .prop_map(|(effect, action, resources, condition)| {
            let mut statement =
                serde_json::json!({"Effect": effect, "Action": action, "Resource": resources});
            if let Some(condition) = condition {
                statement["Condition"] = condition;
            }
            statement
        });
    prop_oneof![
        3 => Just(String::new()),
        4 => proptest::collection::vec(statement, 1..4)
            .prop_map(|statements| serde_json::json!({"Version": "2012-10-17", "Statement": statements}).to_string()),
        1 => any::<String>(),
    ]
}

prop_compose! {
    fn request()(
        base in base_request(),
        task_role_name in prop_oneof!["[A-Za-z0-9+=,.@_-]{1,64}", any::<String>()],
        existing_trust_policy in pasted_trust_policy(),
        execution_role_name in prop_oneof!["[A-Za-z0-9+=,.@_-]{1,64}", any::<String>()],
        existing_secrets_policy in pasted_secrets_policy(),
        ecs_error in prop_oneof![
            3 => Just(String::new()),
            2 => ("[0-9]{12}", proptest::sample::select(vec!["eu-west-1", "cn-north-1", "us-gov-west-1", "xx-nowhere-1"]), "[A-Za-z0-9_-]{1,20}", "[a-z/]{1,20}-[A-Za-z0-9]{6}")
                .prop_map(|(account, region, role, name)| format!(
                    "ResourceInitializationError: unable to pull secrets or registry auth: AccessDeniedException: User: arn:aws:sts::{account}:assumed-role/{role}/x is not authorized to perform: secretsmanager:GetSecretValue on resource: arn:aws:secretsmanager:{region}:{account}:secret:{name} because no identity-based policy allows it"
                )),
            1 => any::<String>(),
        ],
    ) -> Request {
        Request { task_role_name, existing_trust_policy, execution_role_name, existing_secrets_policy, ecs_error, ..base }
    }
}

prop_compose! {
    fn base_request()(
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
            ..Request::default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn a_merged_or_fixed_policy_keeps_every_pasted_statement(request in request()) {
        let response = build(&request);
        prop_assert_eq!(invariants::pasted_statements_are_kept(&request, &response), Ok(()));
    }

    #[test]
    fn a_merge_never_bypasses_a_condition_the_pasted_trust_policy_had(request in request()) {
        let response = build(&request);
        prop_assert_eq!(invariants::no_conditioned_trust_is_bypassed(&request, &response), Ok(()));
    }

    #[test]
    fn a_fixed_policy_allows_what_the_agent_needs_and_all_it_allowed(request in request()) {
        let response = build(&request);
        prop_assert_eq!(invariants::the_fixed_policy_allows_what_it_must(&request, &response), Ok(()));
    }

    #[test]
    fn merging_or_fixing_twice_is_merging_or_fixing_once(request in request()) {
        let response = build(&request);
        prop_assert_eq!(invariants::a_second_pass_changes_nothing(&request, &response), Ok(()));
    }

    #[test]
    fn any_request_builds_valid_json_whose_sizes_match(request in request()) {
        let response = build(&request);
        prop_assert_eq!(invariants::json_round_trips(&response), Ok(()));
        prop_assert_eq!(invariants::sizes_match(&response), Ok(()));
    }

    #[test]
    fn complete_documents_hold_only_well_formed_arns_of_the_regions_partition(request in request()) {
        let response = build(&request);
        prop_assert_eq!(invariants::arns_are_well_formed_in_the_regions_partition(&request, &response), Ok(()));
    }

    #[test]
    fn no_wildcard_resource_unless_the_request_asked_for_one(request in request()) {
        let response = build(&request);
        prop_assert_eq!(invariants::wildcards_only_when_asked(&request, &response), Ok(()));
    }

    #[test]
    fn the_same_request_gives_the_same_bytes(request in request()) {
        let response = build(&request);
        prop_assert_eq!(invariants::same_request_same_bytes(&request, &response), Ok(()));
    }
}
