//! The task role's trust policy.

use super::{TRUST_POLICY_LIMIT, size_of};
use crate::form::Form;
use crate::partition::ECS_TASKS_PRINCIPAL;
use crate::policy::{OneOrMany, PolicyDocument, Principal, Statement};
use crate::response::{Document, DocumentId, Placement, PolicyKind};

const ASSUME_ROLE: &str = "sts:AssumeRole";

/// Matillion's documented trusted entity: ECS tasks and EC2 may assume the task role.
pub(crate) fn trust_policy(form: &Form) -> Document {
    let statement = Statement {
        sid: None,
        effect: crate::policy::Effect::Allow,
        principal: Some(Principal {
            service: OneOrMany::Many(vec![ECS_TASKS_PRINCIPAL, form.partition.ec2_principal]),
        }),
        action: OneOrMany::One(ASSUME_ROLE),
        resource: None,
        condition: None,
    };
    let policy = PolicyDocument::new(vec![statement]);
    Document {
        id: DocumentId::TaskRoleTrustPolicy,
        title: DocumentId::TaskRoleTrustPolicy.title(),
        role: "Task role — the role the running agent uses",
        kind: PolicyKind::Trust,
        size: size_of(&policy, TRUST_POLICY_LIMIT),
        policy,
        placement: Placement {
            steps: vec![
                "In the IAM console, open Roles and choose the agent's task role. (Creating it? Choose Create role → Custom trust policy.)".to_owned(),
                "Open the Trust relationships tab and choose Edit trust policy. This is a trust policy: it does not go under Permissions.".to_owned(),
                "Replace everything in the editor with this document and choose Update policy.".to_owned(),
            ],
            policy_name: None,
            managed_policies: Vec::new(),
        },
        complete: true,
    }
}
