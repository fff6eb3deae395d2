//! The task execution role's inline policy that lets ECS read the agent's secrets.

use super::{INLINE_POLICIES_LIMIT, size_of};
use crate::aws::console::RoleTab;
use crate::aws::secret::{Resources, SecretRef};
use crate::model::policy::{OneOrMany, PolicyDocument, Sid, Statement};
use crate::model::{Document, DocumentId, Origin, Placement, Policy, PolicyKind};
use crate::read::form::{Form, Scope};

const GET_SECRET_VALUE: &str = "secretsmanager:GetSecretValue";
/// The name Matillion's own Terraform gives this inline policy.
pub const POLICY_NAME: &str = "GetETLAgentSecretValue";
/// ECR pulls and CloudWatch Logs; it has no Secrets Manager rights, hence this document.
pub(crate) const MANAGED_POLICY: &str = "service-role/AmazonECSTaskExecutionRolePolicy";

/// The step that checks the execution role has the ECS managed policy (`arn`, in the
/// form's partition): ECS needs it to pull the image and write logs, whether the role is
/// new or one the user already has.
pub(crate) fn managed_policy_step(arn: &str) -> String {
    [
        "On the Permissions tab, check the role also has the AWS managed policy AmazonECSTaskExecutionRolePolicy (",
        arn,
        "); if not, choose Add permissions → Attach policies and add it.",
    ]
    .concat()
}
const SECRETS_SID: Sid = Sid::new("ReadAgentSecrets");
const KMS_SID: Sid = Sid::new("DecryptAgentSecrets");
const SSM_SID: Sid = Sid::new("ReadAgentParameters");

/// `GetSecretValue` on the secrets in scope, plus `kms:Decrypt` and `ssm:GetParameters`
/// when keys or parameters are given; `None` when there is nothing to grant, because an
/// empty `Resource` is invalid. `secret_arns` are the listed secrets' resources, as
/// reading the list built them.
pub(crate) fn secrets_policy(form: &Form, secret_arns: Vec<String>) -> Option<Document> {
    let place = form.place();
    let mut uses_place = false;
    let mut statements = Vec::new();
    let secrets = match &form.scope {
        Scope::All => Some(OneOrMany::One("*".to_owned())),
        Scope::Region => {
            uses_place = true;
            Some(OneOrMany::Many(vec![Resources::new(&place).pattern("*")]))
        }
        Scope::Prefix(Some(prefix)) => {
            uses_place = true;
            Some(OneOrMany::Many(vec![
                Resources::new(&place).pattern(&[prefix.as_str(), "*"].concat()),
            ]))
        }
        Scope::Prefix(None) => None,
        Scope::Listed if form.secrets.items.is_empty() => None,
        Scope::Listed => {
            uses_place |= form
                .secrets
                .items
                .iter()
                .any(|s| matches!(s, SecretRef::Name(_)));
            Some(OneOrMany::Many(secret_arns))
        }
    };
    if let Some(resource) = secrets {
        statements.push((
            SECRETS_SID,
            Statement::allow(OneOrMany::Many(vec![GET_SECRET_VALUE])).on(resource),
        ));
    }
    if !form.kms_keys.items.is_empty() {
        uses_place = true;
        let keys = form
            .kms_keys
            .items
            .iter()
            .map(|key| key.arn(&place))
            .collect();
        statements.push((
            KMS_SID,
            Statement::allow(OneOrMany::One("kms:Decrypt"))
                .on(OneOrMany::Many(keys))
                .when("StringEquals", "kms:ViaService", via_services(form)),
        ));
    }
    if !form.parameters.items.is_empty() {
        uses_place = true;
        let parameters = form
            .parameters
            .items
            .iter()
            .map(|p| p.arn(&place))
            .collect();
        statements.push((
            SSM_SID,
            Statement::allow(OneOrMany::Many(vec!["ssm:GetParameters"]))
                .on(OneOrMany::Many(parameters)),
        ));
    }
    if statements.is_empty() {
        return None;
    }
    let policy = PolicyDocument::with_sids(statements);
    let managed_policy = form.partition.managed_policy_arn(MANAGED_POLICY);
    let failed = form.secrets.failed || form.kms_keys.failed || form.parameters.failed;
    Some(Document {
        id: DocumentId::ExecutionRoleSecretsPolicy,
        title: DocumentId::ExecutionRoleSecretsPolicy.title(),
        role: "Task execution role — the role ECS uses to start the agent and inject its secrets",
        kind: PolicyKind::Inline,
        size: size_of(&policy, INLINE_POLICIES_LIMIT),
        policy: Policy::New(policy),
        origin: Origin::New,
        changes: None,
        placement: Placement {
            steps: vec![
                "In the IAM console, open Roles and choose the agent's task execution role. (Creating it? Choose Create role → AWS service → Elastic Container Service → Elastic Container Service Task; it starts with AmazonECSTaskExecutionRolePolicy.)"
                    .to_owned(),
                "Choose Add permissions → Create inline policy, then the JSON tab.".to_owned(),
                "Replace everything in the editor with this document and choose Next.".to_owned(),
                // Concatenation rather than format!: this runs on every keystroke.
                ["Name the policy ", POLICY_NAME, " and choose Create policy."].concat(),
                managed_policy_step(&managed_policy),
                super::task_definition_step(form, "executionRoleArn", form.execution_role),
            ],
            policy_name: Some(POLICY_NAME),
            managed_policies: vec![managed_policy],
            console_url: form.role_url(form.execution_role, RoleTab::CreateInlinePolicy),
        },
        complete: (!uses_place || form.place_is_valid())
            && !failed
            && form.scope != Scope::Prefix(None),
        placeholders: uses_place && !form.place_is_valid(),
    })
}

/// `kms:Decrypt` only through Secrets Manager (and SSM, when parameters are read) in the
/// regions the secrets live in, as the AWS CDK scopes it.
fn via_services(form: &Form) -> OneOrMany<String> {
    let place = form.place();
    let mut regions = vec![place.region];
    for secret in &form.secrets.items {
        if let SecretRef::Arn(arn) = secret
            && !regions.contains(&arn.region.code())
        {
            regions.push(arn.region.code());
        }
    }
    let mut services = Vec::new();
    for region in regions {
        services.push(format!(
            "secretsmanager.{region}.{}",
            form.partition.dns_suffix
        ));
        if !form.parameters.items.is_empty() {
            services.push(format!("ssm.{region}.{}", form.partition.dns_suffix));
        }
    }
    match services.len() {
        1 => OneOrMany::One(services.remove(0)),
        _ => OneOrMany::Many(services),
    }
}
