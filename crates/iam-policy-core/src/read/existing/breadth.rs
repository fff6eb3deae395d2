//! What a pasted policy grants beyond anything the agent needs: any principal, every
//! action, every resource, or the `Not…` forms that grant everything but a list. The
//! builder keeps such a statement, as it keeps everything pasted, but a link anyone can
//! send may carry the paste, so what it grants is said on the document, never passed over
//! as "already allows what the agent needs".

use super::capitalised;
use super::read::{Effect, Pasted, StatementView};
use crate::model::PolicyKind;

/// One sentence for each `Allow` statement of `pasted` that grants more than named
/// principals, actions and resources.
pub fn broad_grants(pasted: &Pasted) -> Vec<String> {
    let what = match pasted.kind {
        PolicyKind::Trust => "the pasted trust policy",
        PolicyKind::Inline => "the pasted secrets policy",
    };
    pasted
        .statements
        .iter()
        .filter(|s| s.effect == Effect::Allow)
        .filter_map(|statement| {
            let reach = match pasted.kind {
                PolicyKind::Trust => trust_reach(statement),
                PolicyKind::Inline => permission_reach(statement),
            }?;
            let narrowed = match statement.condition_keys.as_slice() {
                [] => String::new(),
                keys => format!(" unless its Condition ({}) narrows it", keys.join(", ")),
            };
            Some(format!(
                "{} of {what} {reach}{narrowed}. The builder keeps it as you wrote it; narrow it if the role need not allow that.",
                capitalised(&statement.name())
            ))
        })
        .collect()
}

/// Who may assume the role, when it is more than named principals.
fn trust_reach(statement: &StatementView) -> Option<String> {
    let principals = statement.principals.as_ref()?;
    if principals.negated {
        return Some(
            "uses NotPrincipal with Allow: every principal except those it lists may assume the role"
                .to_owned(),
        );
    }
    principals.anyone.then(|| {
        "trusts any principal (\"Principal\": \"*\"): anyone in any AWS account may assume the role".to_owned()
    })
}

/// What a permissions statement allows, when it is every action or every resource. Every
/// resource is said for the services whose resources are secrets (Secrets Manager,
/// Parameter Store, KMS) and for wildcard actions: `logs:CreateLogStream` or
/// `ecr:GetAuthorizationToken` on `*` is how AWS's own execution-role policy is written,
/// and saying so on every pasted execution role would bury what matters.
fn permission_reach(statement: &StatementView) -> Option<String> {
    let actions = &statement.actions;
    let every_action = !actions.negated && actions.values.iter().any(|a| a == "*");
    let action = if actions.negated {
        Some("allows every action except those in NotAction")
    } else if every_action {
        Some("allows every action (\"Action\": \"*\")")
    } else {
        None
    };
    let resources = statement.resources.as_ref()?;
    let resource = if resources.negated {
        Some("on every resource except those in NotResource")
    } else if resources.values.iter().any(|r| r == "*") && reaches_secrets(&actions.values) {
        Some("on every resource (\"Resource\": \"*\")")
    } else {
        None
    };
    match (action, resource) {
        (None, None) => None,
        (Some(action), Some(resource)) => Some(format!("{action} {resource}")),
        (Some(action), None) => Some(format!("{action} on the resources it lists")),
        (None, Some(resource)) => Some(format!("allows {} {resource}", actions.values.join(", "))),
    }
}

/// Whether any of these actions reads secrets, parameters or keys, or is a wildcard that
/// may.
fn reaches_secrets(actions: &[String]) -> bool {
    actions.iter().any(|action| {
        let action = action.to_ascii_lowercase();
        action.contains(['*', '?'])
            || ["secretsmanager:", "ssm:", "kms:"]
                .iter()
                .any(|service| action.starts_with(service))
    })
}

#[cfg(test)]
mod tests {
    use super::super::read::read;
    use super::*;

    fn said(policy: &str) -> Vec<String> {
        broad_grants(&read(policy).expect("a policy"))
    }

    #[test]
    fn a_trust_policy_that_trusts_anyone_is_said_so() {
        let found = said(
            r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#,
        );
        assert_eq!(found.len(), 1);
        assert!(
            found[0].starts_with("Statement 1 of the pasted trust policy trusts any principal"),
            "{found:?}"
        );
        let found = said(
            r#"{"Statement":[{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}"#,
        );
        assert!(
            found[0].contains("unless its Condition (aws:PrincipalOrgID) narrows it"),
            "{found:?}"
        );
    }

    #[test]
    fn not_principal_with_allow_is_said_so() {
        let found = said(
            r#"{"Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}"#,
        );
        assert!(found[0].contains("NotPrincipal with Allow"), "{found:?}");
    }

    #[test]
    fn every_action_every_resource_and_the_not_forms_are_said_so() {
        let found = said(
            r#"{"Statement":[
                {"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"},
                {"Effect":"Allow","NotAction":"iam:*","Resource":"arn:aws:s3:::b"},
                {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","NotResource":"arn:aws:s3:::b"},
                {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*"}
            ]}"#,
        );
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].contains("every action (\"Action\": \"*\") on every resource"));
        assert!(found[1].contains("every action except those in NotAction"));
        assert!(found[2].contains("every resource except those in NotResource"));
        assert!(found[3].contains("allows secretsmanager:GetSecretValue on every resource"));
    }

    #[test]
    fn every_resource_is_said_for_secrets_and_wildcard_actions_only() {
        let found = said(
            r#"{"Statement":[
                {"Effect":"Allow","Action":["logs:CreateLogStream","ecr:GetAuthorizationToken"],"Resource":"*"},
                {"Effect":"Allow","Action":"ssm:GetParameters","Resource":"*"},
                {"Effect":"Allow","Action":"s3:Get*","Resource":"*"}
            ]}"#,
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("Statement 2"));
        assert!(found[1].starts_with("Statement 3"));
    }

    #[test]
    fn named_grants_and_denies_say_nothing() {
        let found = said(
            r#"{"Statement":[
                {"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-??????"},
                {"Effect":"Deny","Action":"*","Resource":"*"}
            ]}"#,
        );
        assert_eq!(found, Vec::<String>::new());
        let found = said(
            r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
        );
        assert_eq!(found, Vec::<String>::new());
    }
}
