//! The task role's permissions policy from Matillion's current agent docs.

use crate::aws::console::RoleTab;
use crate::aws::secret::SecretRef;
use crate::model::policy::{OneOrMany, PolicyDocument, Sid, Statement};
use crate::model::{Document, DocumentId, Placement};
use crate::read::form::Form;

/// A name that says what the policy is for; Matillion's docs do not name it.
pub const POLICY_NAME: &str = "MatillionAgentTaskPermissions";
const LIST_SID: Sid = Sid::new("ListSecrets");
const READ_SID: Sid = Sid::new("ReadPipelineSecrets");
const BUCKETS_SID: Sid = Sid::new("ListStagingBuckets");
const OBJECTS_SID: Sid = Sid::new("ReadWriteStagingObjects");

/// `ListSecrets` (which only works on `"*"`), `GetSecretValue` on the secrets pipelines
/// read at run time (`runtime_secret_arns`, as reading that list built them), and
/// read/write on the staging buckets. Built only when asked for.
pub(crate) fn task_permissions_policy(
    form: &Form,
    runtime_secret_arns: Vec<String>,
) -> Option<Document> {
    if !form.task_role_policy {
        return None;
    }
    let mut statements = vec![(LIST_SID, list_secrets())];
    if !runtime_secret_arns.is_empty() {
        statements.push((
            READ_SID,
            Statement::allow(OneOrMany::One("secretsmanager:GetSecretValue"))
                .on(OneOrMany::Many(runtime_secret_arns)),
        ));
    }
    statements.extend(bucket_statements(form));
    let policy = PolicyDocument::with_sids(statements);
    let uses_place = form
        .runtime_secrets
        .items
        .iter()
        .any(|s| matches!(s, SecretRef::Name(_)));
    Some(Document {
        complete: (!uses_place || form.place_is_valid()) && !form.runtime_secrets.failed && !form.buckets.failed,
        placeholders: uses_place && !form.place_is_valid(),        ..super::written(
            DocumentId::TaskRolePermissionsPolicy,
            policy,
            Placement {
                steps: super::inline_policy_steps(
                    "In the IAM console, open Roles and choose the agent's task role (the one with the trust policy above).".to_owned(),
                    POLICY_NAME,
                ),
                policy_name: Some(POLICY_NAME),
                managed_policies: Vec::new(),
                console_url: form.role_url(form.task_role, RoleTab::CreateInlinePolicy),
            },
        )
    })
}

/// `ListSecrets`, which works only on `"*"`.
pub(crate) fn list_secrets() -> Statement {
    Statement::allow(OneOrMany::One("secretsmanager:ListSecrets"))
        .on(OneOrMany::One("*".to_owned()))
}

/// `ListBucket` on the staging buckets and `GetObject`/`PutObject` on their objects; none
/// without buckets.
pub(crate) fn bucket_statements(form: &Form) -> Vec<(Sid, Statement)> {
    let partition = form.partition.id;
    let buckets = &form.buckets.items;
    if buckets.is_empty() {
        return Vec::new();
    }
    vec![
        (
            BUCKETS_SID,
            Statement::allow(OneOrMany::One("s3:ListBucket")).on(OneOrMany::Many(
                buckets.iter().map(|b| b.arn(partition)).collect(),
            )),
        ),
        (
            OBJECTS_SID,
            Statement::allow(OneOrMany::Many(vec!["s3:GetObject", "s3:PutObject"])).on(
                OneOrMany::Many(buckets.iter().map(|b| b.objects_arn(partition)).collect()),
            ),
        ),
    ]
}
