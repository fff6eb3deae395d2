//! Merging what the agent needs into trust policies roles already have: every shape real
//! roles have, the merged document compared whole, and the properties every merge keeps
//! (nothing removed, what the agent needs allowed, merging twice changes nothing).

use iam_policy_core::read::existing::{Json, Need, Pasted, merge_trust, read};
use serde_json::{Value, json};

const ECS: &str = "ecs-tasks.amazonaws.com";
const EC2: &str = "ec2.amazonaws.com";

fn needs<'a>(services: &[&'a str]) -> Vec<Need<'a>> {
    services
        .iter()
        .map(|service| Need {
            service,
            condition: None,
        })
        .collect()
}

fn pasted(policy: &Value) -> Pasted {
    read(&serde_json::to_string_pretty(policy).expect("JSON")).expect("a policy")
}

fn as_value(json: &Json) -> Value {
    serde_json::to_value(json).expect("JSON")
}

/// Merges, checks the properties every merge keeps, and returns the merged document and
/// its change sentences.
fn merged(policy: Value, services: &[&str]) -> (Value, Vec<String>) {
    let needs = needs(services);
    let original = pasted(&policy);
    let merged = merge_trust(&original, &needs, None).expect("merges");
    let text = serde_json::to_string(&merged.json).expect("JSON");
    let again = merge_trust(&read(&text).expect("reads back"), &needs, None).expect("merges again");
    assert_eq!(
        again.json, merged.json,
        "merging twice changes nothing more"
    );
    assert!(again.changes.is_empty(), "{:?}", again.changes);
    assert_eq!(merged.changes.is_empty(), merged.json == original.json);
    (as_value(&merged.json), merged.changes)
}

#[test]
fn matillion_etls_ec2_role_with_a_service_string_gains_ecs_tasks_in_place() {
    let (policy, changes) = merged(
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": EC2}, "Action": "sts:AssumeRole"}]}),
        &[ECS, EC2],
    );
    assert_eq!(
        policy,
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": [EC2, ECS]}, "Action": "sts:AssumeRole"}]})
    );
    assert_eq!(
        changes,
        ["Added ecs-tasks.amazonaws.com to the Service principals of statement 1."]
    );
}

#[test]
fn a_service_list_and_a_lone_statement_object_keep_their_shape_where_untouched() {
    let (policy, _) = merged(
        json!({"Version": "2012-10-17", "Statement": {"Sid": "Etl", "Effect": "Allow", "Principal": {"Service": [EC2]}, "Action": ["sts:AssumeRole"]}}),
        &[ECS],
    );
    assert_eq!(
        policy,
        json!({"Version": "2012-10-17", "Statement": {"Sid": "Etl", "Effect": "Allow", "Principal": {"Service": [EC2, ECS]}, "Action": ["sts:AssumeRole"]}})
    );
}

#[test]
fn another_accounts_root_and_an_oidc_provider_are_kept_and_a_statement_is_added() {
    let github = json!({"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringLike": {"token.actions.githubusercontent.com:sub": "repo:acme/etl:*"}}});
    let root = json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"});
    let (policy, changes) = merged(
        json!({"Version": "2012-10-17", "Statement": [root, github]}),
        &[ECS, EC2],
    );
    assert_eq!(
        policy["Statement"],
        json!([root, github, {"Sid": "AllowEcsTasksAssumeRole", "Effect": "Allow", "Principal": {"Service": [ECS, EC2]}, "Action": "sts:AssumeRole"}])
    );
    assert_eq!(changes.len(), 2, "{changes:?}");
}

#[test]
fn a_conditioned_ec2_statement_is_never_joined() {
    let ec2 = json!({"Effect": "Allow", "Principal": {"Service": EC2}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}});
    let (policy, _) = merged(json!({"Version": "2012-10-17", "Statement": [ec2]}), &[ECS]);
    assert_eq!(policy["Statement"][0], ec2);
    assert_eq!(policy["Statement"][1]["Principal"], json!({"Service": ECS}));
    assert!(policy["Statement"][1].get("Condition").is_none());
}

#[test]
fn a_deny_that_refuses_ecs_tasks_is_an_error_naming_it() {
    let policy = pasted(&json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": EC2}, "Action": "sts:AssumeRole"},
        {"Sid": "NoContainers", "Effect": "Deny", "Principal": {"Service": ECS}, "Action": "sts:*"}
    ]}));
    let error = merge_trust(&policy, &needs(&[ECS]), None).expect_err("the deny wins");
    assert_eq!(error.statement, "statement “NoContainers”");
    let policy = pasted(
        &json!({"Statement": [{"Effect": "Deny", "NotPrincipal": {"Service": EC2}, "Action": "sts:AssumeRole"}]}),
    );
    let error =
        merge_trust(&policy, &needs(&[ECS]), None).expect_err("NotPrincipal denies everyone else");
    assert_eq!(error.statement, "statement 1");
}

#[test]
fn a_not_principal_allow_and_principal_star_with_a_condition_are_left_alone() {
    let star = json!({"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}});
    let (policy, _) = merged(
        json!({"Version": "2012-10-17", "Statement": [star]}),
        &[ECS],
    );
    assert_eq!(policy["Statement"][0], star);
    assert_eq!(policy["Statement"][1]["Sid"], "AllowEcsTasksAssumeRole");
}

#[test]
fn a_role_that_already_trusts_both_is_returned_unchanged() {
    let done = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": [EC2, ECS]}, "Action": "sts:AssumeRole"}]});
    let (policy, changes) = merged(done.clone(), &[ECS, EC2]);
    assert_eq!(policy, done);
    assert!(changes.is_empty());
}

#[test]
fn a_2008_version_several_statements_and_china_names_are_kept() {
    let ec2_cn = "ec2.amazonaws.com.cn";
    let (policy, _) = merged(
        json!({"Version": "2008-10-17", "Statement": [
            {"Sid": "", "Effect": "Allow", "Principal": {"AWS": "arn:aws-cn:iam::111122223333:role/ci"}, "Action": "sts:AssumeRole"},
            {"Effect": "Allow", "Principal": {"Service": ec2_cn}, "Action": "sts:AssumeRole"}
        ]}),
        &[ECS, ec2_cn],
    );
    assert_eq!(policy["Version"], "2008-10-17");
    assert_eq!(
        policy["Statement"][1]["Principal"]["Service"],
        json!([ec2_cn, ECS])
    );
}

#[test]
fn conditions_for_ecs_go_on_a_statement_of_their_own_and_count_as_present_next_time() {
    let condition: Json = read(r#"{"Statement":{"Effect":"Allow","Action":"x:y","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}}"#)
        .expect("reads")
        .json
        .get("Statement")
        .and_then(|s| s.get("Condition"))
        .cloned()
        .expect("a condition");
    let needs = [
        Need {
            service: ECS,
            condition: Some(condition),
        },
        Need {
            service: EC2,
            condition: None,
        },
    ];
    let original = pasted(
        &json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": EC2}, "Action": "sts:AssumeRole"}]}),
    );
    let merged = merge_trust(&original, &needs, None).expect("merges");
    let value = as_value(&merged.json);
    assert_eq!(
        value["Statement"][1]["Condition"]["StringEquals"]["aws:SourceAccount"],
        "123456789012"
    );
    assert_eq!(value["Statement"][0]["Principal"]["Service"], EC2);
    let again = merge_trust(&pasted(&value), &needs, None).expect("merges again");
    assert!(again.changes.is_empty(), "{:?}", again.changes);
}

#[test]
fn sids_the_builder_adds_never_collide() {
    let (policy, _) = merged(
        json!({"Version": "2012-10-17", "Statement": [{"Sid": "AllowEcsTasksAssumeRole", "Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}),
        &[ECS],
    );
    assert_eq!(policy["Statement"][1]["Sid"], "AllowEcsTasksAssumeRole2");
}

#[test]
fn the_console_text_keeps_its_key_order_and_every_untouched_statement_byte_for_byte() {
    // As the console's editor shows it: four-space indents, Sid after Effect, CRLF.
    let console = "{\r\n    \"Version\": \"2012-10-17\",\r\n    \"Statement\": [\r\n        {\r\n            \"Effect\": \"Allow\",\r\n            \"Sid\": \"Ci\",\r\n            \"Principal\": {\r\n                \"AWS\": \"arn:aws:iam::111122223333:role/ci\"\r\n            },\r\n            \"Action\": \"sts:AssumeRole\"\r\n        },\r\n        {\r\n            \"Principal\": {\r\n                \"Service\": \"ec2.amazonaws.com\"\r\n            },\r\n            \"Effect\": \"Allow\",\r\n            \"Action\": \"sts:AssumeRole\"\r\n        }\r\n    ]\r\n}\r\n";
    let merged = merge_trust(&read(console).expect("reads"), &needs(&[ECS]), None).expect("merges");
    assert_eq!(
        serde_json::to_string(&merged.json).expect("JSON"),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Sid":"Ci","Principal":{"AWS":"arn:aws:iam::111122223333:role/ci"},"Action":"sts:AssumeRole"},{"Principal":{"Service":["ec2.amazonaws.com","ecs-tasks.amazonaws.com"]},"Effect":"Allow","Action":"sts:AssumeRole"}]}"#
    );
}

#[test]
fn an_allow_with_not_principal_is_never_joined() {
    let not_principal = json!({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"});
    let (policy, changes) = merged(
        json!({"Version": "2012-10-17", "Statement": [not_principal]}),
        &[ECS],
    );
    assert_eq!(policy["Statement"][0], not_principal);
    assert_eq!(policy["Statement"][1]["Principal"], json!({"Service": ECS}));
    assert_eq!(changes.len(), 1);
}

mod conditioned_trust {
    //! ECS tasks trusted under AWS's confused-deputy conditions: judged for the agent's
    //! tasks, never bypassed by an unconditioned statement beside them.

    use super::*;
    use iam_policy_core::input::Code;
    use iam_policy_core::read::existing::trust_conditions::Agent;

    const AGENT: Agent = Agent {
        partition: "aws",
        region: "eu-west-1",
        account: "123456789012",
    };

    fn hardened(source_arn: &str, account: &str) -> Value {
        json!({"Version": "2012-10-17", "Statement": [{
            "Sid": "EcsTasks",
            "Effect": "Allow",
            "Principal": {"Service": ECS},
            "Action": "sts:AssumeRole",
            "Condition": {
                "ArnLike": {"aws:SourceArn": source_arn},
                "StringEquals": {"aws:SourceAccount": account}
            }
        }]})
    }

    fn merge(policy: &Value) -> (Value, Vec<String>, Vec<Code>) {
        let merged = merge_trust(&pasted(policy), &needs(&[ECS]), Some(&AGENT)).expect("merges");
        (
            as_value(&merged.json),
            merged.changes,
            merged.notes.into_iter().map(|(code, _)| code).collect(),
        )
    }

    #[test]
    fn conditions_the_agents_tasks_meet_are_kept_and_nothing_is_added() {
        let policy = hardened("arn:aws:ecs:eu-west-1:123456789012:*", "123456789012");
        let (merged, changes, notes) = merge(&policy);
        assert_eq!(merged, policy);
        assert!(changes.is_empty());
        assert_eq!(notes, [Code::TrustConditionsHold]);
    }

    #[test]
    fn conditions_for_another_account_and_region_are_widened_in_place() {
        let (merged, changes, notes) = merge(&hardened(
            "arn:aws:ecs:us-east-1:999999999999:*",
            "999999999999",
        ));
        assert_eq!(merged["Statement"].as_array().map(Vec::len), Some(1));
        let condition = &merged["Statement"][0]["Condition"];
        assert_eq!(
            condition["ArnLike"]["aws:SourceArn"],
            json!([
                "arn:aws:ecs:us-east-1:999999999999:*",
                "arn:aws:ecs:eu-west-1:123456789012:*"
            ])
        );
        assert_eq!(
            condition["StringEquals"]["aws:SourceAccount"],
            json!(["999999999999", "123456789012"])
        );
        assert_eq!(changes.len(), 2);
        assert!(
            changes[0].contains("rather than adding a statement beside it"),
            "{changes:?}"
        );
        assert_eq!(notes, [Code::TrustConditionWidened]);
    }

    #[test]
    fn a_task_definition_source_arn_that_never_matches_is_widened_and_said_so() {
        let (_, changes, _) = merge(&hardened(
            "arn:aws:ecs:eu-west-1:123456789012:task-definition/agent:*",
            "123456789012",
        ));
        assert!(changes[0].contains("never matches"), "{changes:?}");
    }

    #[test]
    fn conditions_the_builder_cannot_decide_are_left_and_warned_about() {
        let mut policy = hardened("arn:aws:ecs:eu-west-1:123456789012:*", "123456789012");
        policy["Statement"][0]["Condition"]["StringEquals"]["aws:PrincipalTag/team"] =
            json!("data");
        let (merged, changes, notes) = merge(&policy);
        assert_eq!(merged, policy);
        assert!(changes.is_empty());
        assert_eq!(notes, [Code::TrustConditionUndecided]);
        // Without an account and region to judge with, the same.
        let merged = merge_trust(
            &pasted(&hardened(
                "arn:aws:ecs:eu-west-1:123456789012:*",
                "123456789012",
            )),
            &needs(&[ECS]),
            None,
        )
        .expect("merges");
        assert!(merged.changes.is_empty());
    }

    #[test]
    fn trusting_the_ecs_service_instead_of_its_tasks_is_said_and_ecs_tasks_added() {
        let policy = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
        let (merged, _, notes) = merge(&policy);
        assert_eq!(notes, [Code::TrustNamesEcsService]);
        assert_eq!(
            merged["Statement"][0]["Principal"]["Service"],
            json!(["ecs.amazonaws.com", ECS])
        );
    }
}
