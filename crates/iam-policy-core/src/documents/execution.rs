//! The task execution role's inline policy that lets ECS read the agent's secrets.

use crate::aws::console::RoleTab;
use crate::aws::secret::{Resources, SecretRef};
use crate::model::policy::{OneOrMany, PolicyDocument, Sid, Statement};
use crate::model::{Document, DocumentId, Placement};
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
    if let Some(resource) = secret_resources(form, secret_arns, &mut uses_place) {
        statements.push((SECRETS_SID, read_secrets(resource)));
    }
    if let Some(kms) = kms_statement(form) {
        uses_place = true;
        statements.push((KMS_SID, kms));
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
        complete: (!uses_place || form.place_is_valid())
            && !failed
            && form.scope != Scope::Prefix(None),
        placeholders: uses_place && !form.place_is_valid(),
        ..super::written(
            DocumentId::ExecutionRoleSecretsPolicy,
            policy,
            Placement {
                steps: {
                    let mut steps = super::inline_policy_steps(
                        "In the IAM console, open Roles and choose the agent's task execution role. (Creating it? Choose Create role → AWS service → Elastic Container Service → Elastic Container Service Task; it starts with AmazonECSTaskExecutionRolePolicy.)"
                            .to_owned(),
                        POLICY_NAME,
                    );
                    steps.push(managed_policy_step(&managed_policy));
                    steps.push(super::task_definition_step(
                        form,
                        "executionRoleArn",
                        form.execution_role,
                    ));
                    steps
                },
                policy_name: Some(POLICY_NAME),
                managed_policies: vec![managed_policy],
                console_url: form.role_url(form.execution_role, RoleTab::CreateInlinePolicy),
            },
        )
    })
}

/// `GetSecretValue` on `resource`.
pub(crate) fn read_secrets(resource: OneOrMany<String>) -> Statement {
    Statement::allow(OneOrMany::Many(vec![GET_SECRET_VALUE])).on(resource)
}

/// The resources the chosen scope grants: `"*"`, the region's or a prefix's pattern, or
/// the listed secrets' ARNs (`secret_arns`, as reading the list built them); `None` when
/// there is nothing to grant. `uses_place` becomes true when they name the form's region
/// and account.
pub(crate) fn secret_resources(
    form: &Form,
    secret_arns: Vec<String>,
    uses_place: &mut bool,
) -> Option<OneOrMany<String>> {
    let place = form.place();
    match &form.scope {
        Scope::All => Some(OneOrMany::One("*".to_owned())),
        Scope::Region => {
            *uses_place = true;
            Some(OneOrMany::Many(vec![Resources::new(&place).pattern("*")]))
        }
        Scope::Prefix(Some(prefix)) => {
            *uses_place = true;
            Some(OneOrMany::Many(vec![
                Resources::new(&place).pattern(&[prefix.as_str(), "*"].concat()),
            ]))
        }
        Scope::Prefix(None) => None,
        Scope::Listed if form.secrets.items.is_empty() => None,
        Scope::Listed => {
            *uses_place |= form
                .secrets
                .items
                .iter()
                .any(|s| matches!(s, SecretRef::Name(_)));
            Some(OneOrMany::Many(secret_arns))
        }
    }
}

/// `kms:Decrypt` on the customer managed keys, only through Secrets Manager; `None`
/// without keys.
pub(crate) fn kms_statement(form: &Form) -> Option<Statement> {
    if form.kms_keys.items.is_empty() {
        return None;
    }
    let place = form.place();
    let keys = form
        .kms_keys
        .items
        .iter()
        .map(|key| key.arn(&place))
        .collect();
    Some(
        Statement::allow(OneOrMany::One("kms:Decrypt"))
            .on(OneOrMany::Many(keys))
            .when("StringEquals", "kms:ViaService", via_services(form)),
    )
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
