//! The task execution role's inline policy that lets ECS read the agent's secrets.

use super::{INLINE_POLICIES_LIMIT, size_of};
use crate::form::Form;
use crate::policy::{Effect, OneOrMany, PolicyDocument, Statement};
use crate::response::{Document, DocumentId, Placement, PolicyKind};

const GET_SECRET_VALUE: &str = "secretsmanager:GetSecretValue";
/// The name Matillion's own Terraform gives this inline policy.
pub const POLICY_NAME: &str = "GetETLAgentSecretValue";
/// ECR pulls and CloudWatch Logs; it has no Secrets Manager rights, hence this document.
const MANAGED_POLICY: &str = "service-role/AmazonECSTaskExecutionRolePolicy";

/// `GetSecretValue` on each listed secret, or on `"*"`; `None` when there is nothing to
/// grant, because an empty `Resource` is invalid.
pub(crate) fn secrets_policy(form: &Form) -> Option<Document> {
    let resource = if form.all_secrets {
        OneOrMany::One("*".to_owned())
    } else if form.secrets.is_empty() {
        return None;
    } else {
        let place = form.place();
        OneOrMany::Many(form.secrets.iter().map(|s| s.resource(&place)).collect())
    };
    let names_placeholders = !form.all_secrets && (form.account.is_none() || form.region.is_none());
    let statement = Statement {
        sid: None,
        effect: Effect::Allow,
        principal: None,
        action: OneOrMany::Many(vec![GET_SECRET_VALUE]),
        resource: Some(resource),
        condition: None,
    };
    let policy = PolicyDocument::new(vec![statement]);
    let managed_policy = form.partition.managed_policy_arn(MANAGED_POLICY);
    Some(Document {
        id: DocumentId::ExecutionRoleSecretsPolicy,
        title: DocumentId::ExecutionRoleSecretsPolicy.title(),
        role: "Task execution role — the role ECS uses to start the agent and inject its secrets",
        kind: PolicyKind::Inline,
        size: size_of(&policy, INLINE_POLICIES_LIMIT),
        policy,
        placement: Placement {
            steps: vec![
                "In the IAM console, open Roles and choose the agent's task execution role."
                    .to_owned(),
                "Choose Add permissions → Create inline policy, then the JSON tab.".to_owned(),
                "Replace everything in the editor with this document and choose Next.".to_owned(),
                format!("Name the policy {POLICY_NAME} and choose Create policy."),
                format!(
                    "On the Permissions tab, check the role also has the AWS managed policy AmazonECSTaskExecutionRolePolicy ({managed_policy}); if not, choose Add permissions → Attach policies and add it."
                ),
            ],
            policy_name: Some(POLICY_NAME),
            managed_policies: vec![managed_policy],
        },
        complete: !names_placeholders && !form.secrets_failed,
    })
}
