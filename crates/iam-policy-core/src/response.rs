//! What every host gets back: the documents that could be built and the problems found.

use crate::policy::PolicyDocument;
use crate::problem::{Problem, Severity};
use serde::Serialize;

/// The output of [`crate::build`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Response {
    /// The documents, in the order the user applies them.
    pub documents: Vec<Document>,
    /// Everything worth telling, each tied to a field; errors first, then warnings, then info.
    pub problems: Vec<Problem>,
    /// Where the documents point: the partition, and the region and account when valid.
    pub target: Target,
    /// With an existing secrets policy: what it granted each listed secret (and key and
    /// parameter) before the fix.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub access: Vec<Access>,
    /// With `ecsError`: what the error means and what to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnosis: Option<crate::ecs_error::Diagnosis>,
}

/// What an existing policy granted one entry of the form, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Access {
    /// The entry as typed (a secret's name, a key, a parameter), or the scope's pattern.
    pub entry: String,
    /// What the builder grants for it.
    pub resource: String,
    /// The action checked.
    pub action: &'static str,
    /// What the pasted policy decided before the fix.
    pub before: crate::existing::Decision,
    /// The deciding statement: its Sid, or its 1-based position.
    pub statement: Option<String>,
    /// Why, in a sentence.
    pub reason: String,
    /// The secret's page in the Secrets Manager console, where its full ARN is shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub console_url: Option<String>,
}

/// A document's JSON: written by the builder, or a pasted one merged or fixed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Policy {
    /// Built from the form.
    New(PolicyDocument),
    /// The user's own document, changed only where it had to be.
    Existing(crate::existing::Json),
}

impl Policy {
    /// The builder's typed document, when the policy is one.
    pub fn as_new(&self) -> Option<&PolicyDocument> {
        match self {
            Policy::New(document) => Some(document),
            Policy::Existing(_) => None,
        }
    }
}

/// Whether a document was written new or made from one the user pasted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Origin {
    /// Written from the form.
    New,
    /// The pasted policy, merged or fixed.
    Existing,
}

/// The partition, region and account the documents were built for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// The ARN partition id, e.g. `aws-cn`.
    pub partition: &'static str,
    /// The partition's DNS suffix, e.g. `amazonaws.com.cn`.
    pub dns_suffix: &'static str,
    /// The region code, when the region field is valid.
    pub region: Option<&'static str>,
    /// The account ID, when the account field is valid.
    pub account: Option<String>,
    /// The task role's name (the default unless one was given).
    pub task_role: String,
    /// The task execution role's name.
    pub execution_role: String,
}

impl Response {
    /// Whether any problem is an error, i.e. some document is incomplete or would not work.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// What must be done before the documents can be used, in the page's own words (the
    /// fields' labels), or `None` when nothing must: "fill in or fix AWS account ID and
    /// Region first". The exports' NOT READY comment and the page's Copy say it.
    pub fn not_ready(&self) -> Option<String> {
        let mut labels: Vec<&str> = Vec::new();
        for problem in self
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
        {
            let label = match problem.field {
                crate::Field::Documents => "the documents (see the errors on their cards)",
                field => crate::fields::def(field).label,
            };
            if !labels.contains(&label) {
                labels.push(label);
            }
        }
        let (last, rest) = labels.split_last()?;
        let list = if rest.is_empty() {
            (*last).to_owned()
        } else {
            format!("{} and {last}", rest.join(", "))
        };
        Some(format!("fill in or fix {list} first"))
    }

    /// Whether any document still holds a placeholder (`<account-id>`, `<region>`) where a
    /// value is missing.
    pub fn has_placeholders(&self) -> bool {
        self.documents.iter().any(Document::has_placeholders)
    }

    /// What a document's card says when it is not ready to paste: what to fill in or fix,
    /// that placeholders mark what is missing (only when it holds one), and — for a
    /// document that stands where a pasted policy could not be used — that it is not that
    /// policy with the changes, so pasting it would replace what the role has.
    pub fn not_ready_note(&self, id: DocumentId) -> Option<String> {
        let document = self.document(id)?;
        if document.complete {
            return None;
        }
        let what = self.not_ready()?;
        let mut note = format!("Not ready to paste yet: {what}.");
        let pasted = match id {
            DocumentId::TaskRoleTrustPolicy => Some((crate::Field::ExistingTrustPolicy, "trust")),
            DocumentId::ExecutionRoleSecretsPolicy => {
                Some((crate::Field::ExistingSecretsPolicy, "secrets"))
            }
            DocumentId::TaskRolePermissionsPolicy => None,
        };
        let unusable = pasted.filter(|(field, _)| {
            document.origin == Origin::New
                && self
                    .problems
                    .iter()
                    .any(|p| p.field == *field && p.severity == Severity::Error)
        });
        if let Some((_, kind)) = unusable {
            note.push_str(&format!(
                " The {kind} policy you pasted could not be used, so this is a new one, not yours with the changes: pasting it would replace everything the role has."
            ));
        }
        if document.has_placeholders() {
            note.push_str(" Placeholders such as <account-id> show what is still missing.");
        }
        Some(note)
    }

    /// The document with this id, if it could be built.
    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }
}

/// Which document this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentId {
    /// The task role's trust policy ("trusted entities").
    TaskRoleTrustPolicy,
    /// The task execution role's inline policy for reading secrets.
    ExecutionRoleSecretsPolicy,
    /// The task role's inline permissions policy (Matillion's current docs).
    TaskRolePermissionsPolicy,
}

impl Document {
    /// Whether it still holds a placeholder where a value is missing.
    pub fn has_placeholders(&self) -> bool {
        self.placeholders
    }
}

impl DocumentId {
    /// Every document, in the order the user applies them.
    pub const ALL: [DocumentId; 3] = [
        DocumentId::TaskRoleTrustPolicy,
        DocumentId::ExecutionRoleSecretsPolicy,
        DocumentId::TaskRolePermissionsPolicy,
    ];

    /// A heading for the document, e.g. "Task role trust policy".
    pub fn title(self) -> &'static str {
        match self {
            DocumentId::TaskRoleTrustPolicy => "Task role trust policy",
            DocumentId::ExecutionRoleSecretsPolicy => "Task execution role inline policy",
            DocumentId::TaskRolePermissionsPolicy => "Task role permissions policy",
        }
    }

    /// The id as written in JSON, e.g. `task-role-trust-policy`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentId::TaskRoleTrustPolicy => "task-role-trust-policy",
            DocumentId::ExecutionRoleSecretsPolicy => "execution-role-secrets-policy",
            DocumentId::TaskRolePermissionsPolicy => "task-role-permissions-policy",
        }
    }
}

/// The kind of policy, which decides where in the console it is pasted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicyKind {
    /// A role's trust policy: has `Principal`, no `Resource`.
    Trust,
    /// An inline identity policy: has `Resource`, no `Principal`.
    Inline,
}

/// One generated policy and how to put it in place.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// Which document this is.
    pub id: DocumentId,
    /// A heading, e.g. "Task role — trust policy".
    pub title: &'static str,
    /// The role it belongs to, in the Matillion docs' words.
    pub role: &'static str,
    /// Trust or inline policy.
    pub kind: PolicyKind,
    /// The IAM JSON.
    pub policy: Policy,
    /// New, or made from the policy the role already has.
    pub origin: Origin,
    /// For an existing policy: what the builder changed, a sentence each (empty when
    /// nothing was needed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<Vec<String>>,
    /// Where it goes in the console.
    pub placement: Placement,
    /// Its size as IAM counts it, against its limit.
    pub size: Size,
    /// False while it holds placeholders for fields that have errors.
    pub complete: bool,
    /// Whether it holds a placeholder (`<account-id>`, `<region>`) where the form has no
    /// valid value: decided as it is built, so no host has to search the JSON for one on
    /// every render.
    #[serde(skip)]
    pub placeholders: bool,
}

/// Where a document goes in the AWS console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Placement {
    /// The console steps, in order.
    pub steps: Vec<String>,
    /// The name to give an inline policy (Matillion's own Terraform uses it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy_name: Option<&'static str>,
    /// AWS managed policies the role also needs, as ARNs of the region's partition.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub managed_policies: Vec<String>,
    /// The console page where it goes: the role's trust relationships, or its permissions.
    /// None in partitions without a public console.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub console_url: Option<String>,
}

/// A document's size as IAM counts it: characters without white space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Size {
    /// Characters of the compact JSON.
    pub characters: usize,
    /// The most IAM accepts for this kind of document.
    pub limit: usize,
}
