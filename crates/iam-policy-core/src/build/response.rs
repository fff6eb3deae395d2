//! What every host gets back: the documents that could be built and the problems found.

use crate::input::problem::{Problem, Severity};
use crate::model::shape::{Interface, Member, Shape};
use crate::model::{Document, DocumentId, Origin};
use serde::Serialize;

/// The output of [`crate::build()`].
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
    pub diagnosis: Option<crate::read::ecs_error::Diagnosis>,
    /// On EKS, with `eksError`: what the pod's error means and what to do.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eks_diagnosis: Option<crate::read::eks_error::Diagnosis>,
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
    pub before: crate::read::existing::Decision,
    /// The deciding statement: its Sid, or its 1-based position.
    pub statement: Option<String>,
    /// Why, in a sentence.
    pub reason: String,
    /// The secret's page in the Secrets Manager console, where its full ARN is shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub console_url: Option<String>,
}

impl Access {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "Access",
        doc: "What a pasted secrets policy decided for one secret, key or parameter, before the fix.",
        members: &[
            Member::new(
                "entry",
                Shape::String,
                "The entry as typed, or the scope's pattern.",
            ),
            Member::new("resource", Shape::String, "What the builder grants for it."),
            Member::new(
                "action",
                Shape::String,
                "The action checked, e.g. \"secretsmanager:GetSecretValue\".",
            ),
            Member::new("before", Shape::Named("AccessDecision"), ""),
            Member::new(
                "statement",
                Shape::OrNull(&Shape::String),
                "The deciding statement: its Sid, or its 1-based position.",
            ),
            Member::new("reason", Shape::String, "Why, in a sentence."),
            Member::new(
                "consoleUrl",
                Shape::String,
                "The secret's page in the Secrets Manager console, where its full ARN is shown.",
            )
            .optional(),
        ],
    };
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
    /// On EKS, the runner role's name (the default unless one was given); absent on ECS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runner_role: Option<String>,
    /// On EKS with IRSA, the cluster's issuer (host/path) when valid: the exports'
    /// parameter defaults.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
}

impl Target {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "Target",
        doc: "The partition, region and account the documents were built for.",
        members: &[
            Member::new(
                "partition",
                Shape::String,
                "The ARN partition, e.g. \"aws-cn\".",
            ),
            Member::new(
                "dnsSuffix",
                Shape::String,
                "The partition's DNS suffix, e.g. \"amazonaws.com.cn\".",
            ),
            Member::new(
                "region",
                Shape::OrNull(&Shape::String),
                "The region code, when the region field is valid.",
            ),
            Member::new(
                "account",
                Shape::OrNull(&Shape::String),
                "The account ID, when the account field is valid.",
            ),
            Member::new(
                "taskRole",
                Shape::String,
                "The task role's name (the default unless one was given).",
            ),
            Member::new(
                "executionRole",
                Shape::String,
                "The task execution role's name.",
            ),
            Member::new(
                "runnerRole",
                Shape::String,
                "On EKS, the runner role's name (the default unless one was given).",
            )
            .optional(),
            Member::new(
                "issuer",
                Shape::String,
                "On EKS with IRSA, the cluster's issuer (host/path) when valid.",
            )
            .optional(),
        ],
    };
}

impl Response {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "BuildResponse",
        doc: "The documents that could be built, and everything worth telling about the request.",
        members: &[
            Member::new(
                "documents",
                Shape::List(&Shape::Named("PolicyDocumentEntry")),
                "In the order the user applies them.",
            ),
            Member::new(
                "problems",
                Shape::List(&Shape::Named("Problem")),
                "Errors first, then warnings, then info.",
            ),
            Member::new(
                "target",
                Shape::Named("Target"),
                "Where the documents point: the partition, and the region and account when valid.",
            ),
            Member::new(
                "access",
                Shape::List(&Shape::Named("Access")),
                "With existingSecretsPolicy: what the pasted policy granted each entry, and why.",
            )
            .optional(),
            Member::new(
                "diagnosis",
                Shape::Named("Diagnosis"),
                "With ecsError: what the error means and what to do.",
            )
            .optional(),
            Member::new(
                "eksDiagnosis",
                Shape::Named("EksDiagnosis"),
                "On EKS, with eksError: what the pod's error means and what to do.",
            )
            .optional(),
        ],
    };

    /// Whether any problem is an error, i.e. some document is incomplete or would not work.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }

    /// What must be done before the documents can be used, in the page's own words (the
    /// fields' labels), or `None` when nothing must: "fill in or fix AWS account ID and
    /// Region first". The exports' NOT READY comment and the page's Copy say it.
    pub fn not_ready(&self) -> Option<String> {
        self.not_ready_among(DocumentId::ALL)
    }

    /// [`Response::not_ready`] for an export of some of the documents: an error that
    /// concerns only a document left out of it (its field feeds only that document, or
    /// it is about that document) does not stop the others being used.
    pub fn not_ready_among(&self, documents: &[DocumentId]) -> Option<String> {
        let platform = if self.target.runner_role.is_some() {
            crate::input::request::Platform::Eks
        } else {
            crate::input::request::Platform::EcsFargate
        };
        let mut labels: Vec<&str> = Vec::new();
        for problem in self.problems.iter().filter(|p| {
            p.severity == Severity::Error
                && p.document
                    .or(p.field.document(platform))
                    .is_none_or(|document| documents.contains(&document))
        }) {
            let label = match problem.field {
                crate::input::Field::Documents => "the documents (see the errors on their cards)",
                field => crate::input::fields::def(field).label,
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
        self.has_placeholders_among(DocumentId::ALL)
    }

    /// Whether any of `documents` still holds a placeholder.
    pub fn has_placeholders_among(&self, documents: &[DocumentId]) -> bool {
        self.documents
            .iter()
            .any(|d| documents.contains(&d.id) && d.has_placeholders())
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
            DocumentId::TaskRoleTrustPolicy => {
                Some((crate::input::Field::ExistingTrustPolicy, "trust"))
            }
            DocumentId::ExecutionRoleSecretsPolicy => {
                Some((crate::input::Field::ExistingSecretsPolicy, "secrets"))
            }
            DocumentId::RunnerRoleTrustPolicy => {
                Some((crate::input::Field::ExistingRunnerTrustPolicy, "trust"))
            }
            DocumentId::TaskRolePermissionsPolicy | DocumentId::RunnerRolePermissionsPolicy => None,
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
