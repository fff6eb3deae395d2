//! The generated documents, each with its console placement and size.

mod checks;
mod execution;
mod runner;
mod task_permissions;
mod trust;

pub(crate) use checks::{CHECK_BUDGET, check};
pub(crate) use execution::{MANAGED_POLICY, managed_policy_step, secrets_policy};
pub(crate) use runner::{
    TrustEdit, runner_permissions_policy, runner_trust_policy, runner_trust_steps,
    web_identity_subjects,
};
pub(crate) use task_permissions::task_permissions_policy;
pub(crate) use trust::trust_policy;

use crate::input::problem::{Code, Field, Problem};
use crate::model::policy::PolicyDocument;
use crate::model::{Document, DocumentId, Origin, Placement, Policy, PolicyKind, Size};

/// A document written from the form, new, where `placement` says: its heading, role, kind
/// and size limit follow from its id. Complete and without placeholders until the caller
/// says otherwise (`Document { complete, placeholders, ..written(…) }`).
pub(crate) fn written(id: DocumentId, policy: PolicyDocument, placement: Placement) -> Document {
    let limit = match id.kind() {
        PolicyKind::Trust => TRUST_POLICY_LIMIT,
        PolicyKind::Inline => INLINE_POLICIES_LIMIT,
    };
    Document {
        id,
        title: id.title(),
        role: id.role().in_words(),
        kind: id.kind(),
        size: size_of(&policy, limit),
        policy: Policy::New(policy),
        origin: Origin::New,
        changes: None,
        placement,
        complete: true,
        placeholders: false,
    }
}

/// The step that ties a role to the agent's task definition: the field that holds its ARN,
/// and that ARN for the name the exports give the role when the account is known, so a
/// reader can check which role the task really uses.
pub(crate) fn task_definition_step(
    form: &crate::read::form::Form,
    field: &str,
    role: &str,
) -> String {
    let arn = match role_arn(form, role) {
        Some(arn) => [" — for a role named ", role, ", ", &arn].concat(),
        None => String::new(),
    };
    [
        "In the agent's ECS task definition, ",
        field,
        " must hold this role's ARN",
        &arn,
        ". (IAM → Roles → the role shows its ARN at the top.)",
    ]
    .concat()
}

/// A role's ARN in the form's partition and account, when the account is known.
pub(crate) fn role_arn(form: &crate::read::form::Form, role: &str) -> Option<String> {
    let account = form.account.as_ref()?;
    Some(
        [
            "arn:",
            form.partition.id,
            ":iam::",
            account.as_str(),
            ":role/",
            role,
        ]
        .concat(),
    )
}

/// The console steps that add an inline policy named `name` to a role, after `open`, the
/// step that opens the role.
pub(crate) fn inline_policy_steps(open: String, name: &str) -> Vec<String> {
    vec![
        open,
        "Choose Add permissions → Create inline policy, then the JSON tab.".to_owned(),
        "Replace everything in the editor with this document and choose Next.".to_owned(),
        // Concatenation rather than format!: this runs on every keystroke.
        ["Name the policy ", name, " and choose Create policy."].concat(),
    ]
}

/// Trust policies: 2,048 characters by default (the quota can be raised).
pub const TRUST_POLICY_LIMIT: usize = 2_048;
/// All inline policies of one role together.
pub const INLINE_POLICIES_LIMIT: usize = 10_240;

/// Characters IAM counts: the compact JSON, which has no white space outside strings.
pub(crate) fn size_of(policy: &PolicyDocument, limit: usize) -> Size {
    Size {
        characters: crate::model::json_size::compact_chars(policy),
        limit,
    }
}

/// An error when the document is over its limit, with what to do about it. `shared_prefix`
/// is the name prefix every listed secret shares, which makes the secrets policy one line.
pub(crate) fn check_size(
    document: &Document,
    shared_prefix: Option<&str>,
    problems: &mut Vec<Problem>,
) {
    let Size { characters, limit } = document.size;
    if characters <= limit {
        return;
    }
    let prefix = shared_prefix.filter(|_| document.id == DocumentId::ExecutionRoleSecretsPolicy);
    let advice = match (document.kind, prefix) {
        (PolicyKind::Trust, _) => {
            "Ask AWS Support to raise the role trust policy quota, or remove principals you do not need.".to_owned()
        }
        (PolicyKind::Inline, Some(prefix)) => format!(
            "Every listed secret starts with {}: allow that prefix instead (it also grants secrets created later with it).",
            crate::text::chars::quote(prefix)
        ),
        (PolicyKind::Inline, None) => {
            "Replace secrets that share a path with a prefix such as prod/*, or allow every secret in the region.".to_owned()
        }
    };
    let mut problem = Problem::new(
        Field::Documents,
        Code::DocumentTooLarge,
        format!(
            "The {} is {} characters; IAM accepts at most {}, so it is {} over. {advice}",
            document.title.to_ascii_lowercase(),
            crate::text::thousands(characters),
            crate::text::thousands(limit),
            crate::text::thousands(characters - limit)
        ),
    )
    .about(document.id);
    if let Some(prefix) = prefix {
        problem = problem.fixed_by(crate::read::form::prefix_fix(prefix));
    }
    problems.push(problem);
}

/// The execution role's own trust policy: ECS tasks only. The Matillion docs leave it at the
/// console's default; the infrastructure exports have to write it out.
pub(crate) fn execution_role_trust_policy() -> PolicyDocument {
    use crate::model::policy::{OneOrMany, Statement};
    PolicyDocument::new(vec![
        Statement::allow(OneOrMany::One("sts:AssumeRole"))
            .by(OneOrMany::One(crate::aws::partition::ECS_TASKS_PRINCIPAL)),
    ])
}
