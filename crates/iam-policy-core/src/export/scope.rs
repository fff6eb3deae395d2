//! Which documents an export covers, and so which roles it touches. A widget that shows
//! only the secrets policy must not export a task role its reader never saw: every
//! exporter creates or attaches to only the roles of the documents in its scope, and every
//! host names the export in the same words.

use super::Format;
use crate::model::{DocumentId, Role, UnknownDocument};
use std::fmt;

/// The documents an export covers — at least one, so an export always has a role to
/// write. A role none of whose documents is covered is neither created nor attached to.
/// The task role is created with its trust policy only when that is covered; with only
/// its permissions policy, the policy is attached to the role by name and its trust policy
/// left as it is. The execution role's trust policy and `AmazonECSTaskExecutionRolePolicy`
/// go with its secrets policy.
///
/// ```
/// use iam_policy_core::export::Scope;
/// use iam_policy_core::{DocumentId, Format};
/// let scope = Scope::of(&[DocumentId::ExecutionRoleSecretsPolicy]).unwrap();
/// assert_eq!(scope.title(), "The task execution role as code");
/// assert!(!scope.intro(&[Format::Terraform]).contains("AWS CLI"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope {
    trust: bool,
    permissions: bool,
    secrets: bool,
    /// The runner role's documents (EKS): that role is written whole for either.
    runner_trust: bool,
    runner_permissions: bool,
}

/// What an export does with the task role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TaskRole {
    /// Nothing: none of its documents is covered.
    LeftOut,
    /// Attaches the permissions policy to it by name; its trust policy is not covered.
    Attached,
    /// Creates it with its trust policy (or, when that was pasted, updates it).
    Whole,
}

/// Why a list of documents is not a scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeError {
    /// Occurs when an entry is not a document id.
    Unknown(UnknownDocument),
    /// Occurs when the list names no document: an export of nothing has nothing to write.
    Empty,
}

impl fmt::Display for ScopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScopeError::Unknown(unknown) => unknown.fmt(f),
            ScopeError::Empty => {
                let ids: Vec<&str> = DocumentId::ALL.iter().map(|d| d.as_str()).collect();
                write!(
                    f,
                    "no document named — name at least one of {}",
                    ids.join(", ")
                )
            }
        }
    }
}

impl Scope {
    /// Every document: both roles, as the standalone page exports them.
    pub const ALL: Scope = Scope {
        trust: true,
        permissions: true,
        secrets: true,
        runner_trust: true,
        runner_permissions: true,
    };

    /// The scope of these documents (repeats are fine), or `None` when there are none.
    pub fn of(documents: &[DocumentId]) -> Option<Scope> {
        let scope = Scope {
            trust: documents.contains(&DocumentId::TaskRoleTrustPolicy),
            permissions: documents.contains(&DocumentId::TaskRolePermissionsPolicy),
            secrets: documents.contains(&DocumentId::ExecutionRoleSecretsPolicy),
            runner_trust: documents.contains(&DocumentId::RunnerRoleTrustPolicy),
            runner_permissions: documents.contains(&DocumentId::RunnerRolePermissionsPolicy),
        };
        (!documents.is_empty()).then_some(scope)
    }

    /// Document ids separated by commas or white space, as `data-documents` takes them.
    pub fn parse(list: &str) -> Result<Scope, ScopeError> {
        let documents = list
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|entry| !entry.is_empty())
            .map(str::parse)
            .collect::<Result<Vec<DocumentId>, _>>()
            .map_err(ScopeError::Unknown)?;
        Scope::of(&documents).ok_or(ScopeError::Empty)
    }

    /// Whether the export covers this document.
    pub fn covers(self, id: DocumentId) -> bool {
        match id {
            DocumentId::TaskRoleTrustPolicy => self.trust,
            DocumentId::TaskRolePermissionsPolicy => self.permissions,
            DocumentId::ExecutionRoleSecretsPolicy => self.secrets,
            DocumentId::RunnerRoleTrustPolicy => self.runner_trust,
            DocumentId::RunnerRolePermissionsPolicy => self.runner_permissions,
        }
    }

    /// Why an export of this scope from `response` would write nothing, when it would: the
    /// documents named are all of the other platform's (ECS's three on an EKS response, or
    /// the runner role's on an ECS one).
    pub fn misses(self, response: &crate::build::Response) -> Option<String> {
        let eks = response.target.runner_role.is_some();
        let built = |id: &DocumentId| (id.role() == Role::Runner) == eks;
        if self.documents().iter().any(built) {
            return None;
        }
        let ids: Vec<&str> = DocumentId::ALL
            .iter()
            .filter(|id| built(id))
            .map(|d| d.as_str())
            .collect();
        Some(format!(
            "none of the documents named is built for {}: name {}",
            if eks { "Amazon EKS" } else { "ECS Fargate" },
            ids.join(" or ")
        ))
    }

    /// The documents covered, in [`DocumentId::ALL`]'s order.
    pub fn documents(self) -> Vec<DocumentId> {
        DocumentId::ALL
            .iter()
            .copied()
            .filter(|&id| self.covers(id))
            .collect()
    }

    /// Whether the export creates or attaches to `role`: whether it covers any of its
    /// documents.
    pub fn covers_role(self, role: Role) -> bool {
        DocumentId::ALL
            .iter()
            .copied()
            .any(|id| id.role() == role && self.covers(id))
    }

    /// Whether the scope covers the runner role and nothing of ECS's.
    fn runner_only(self) -> bool {
        self.covers_role(Role::Runner) && !self.trust && !self.permissions && !self.secrets
    }

    pub(crate) fn task_role(self) -> TaskRole {
        match (self.trust, self.permissions) {
            (true, _) => TaskRole::Whole,
            (false, true) => TaskRole::Attached,
            (false, false) => TaskRole::LeftOut,
        }
    }

    /// The export card's title: "Both roles as code", "The task role as code" or "The
    /// task execution role as code".
    pub fn title(self) -> &'static str {
        if self.runner_only() {
            return "The runner role as code";
        }
        match (
            self.covers_role(Role::Task),
            self.covers_role(Role::Execution),
        ) {
            (true, false) => "The task role as code",
            (false, true) => "The task execution role as code",
            _ => "Both roles as code",
        }
    }

    /// The sentence under the title: what the exports hold, and — only when `formats`
    /// offers the AWS CLI script — that it can be run again.
    pub fn intro(self, formats: &[Format]) -> String {
        if self.runner_only() {
            let mut intro = "The runner role with its trust and permissions policies, for the tool you deploy with, with the role's name as a parameter.".to_owned();
            if formats.contains(&Format::AwsCli) {
                intro.push_str(" The AWS CLI script can be run again to update it.");
            }
            return intro;
        }
        const ATTACHED: &str = "the permissions policy for the task role you already have (its trust policy is left as it is)";
        let what = match (self.task_role(), self.secrets) {
            (TaskRole::Whole, true) => "Both roles with their policies".to_owned(),
            (TaskRole::Attached, true) => {
                format!("The task execution role with its policies, and {ATTACHED}")
            }
            (TaskRole::LeftOut, _) => "The task execution role with its policies".to_owned(),
            (TaskRole::Whole, false) if self.permissions => {
                "The task role with its policies".to_owned()
            }
            (TaskRole::Whole, false) => "The task role with its trust policy".to_owned(),
            (TaskRole::Attached, false) => crate::text::chars::capitalised(ATTACHED),
        };
        let both = self.covers_role(Role::Task) && self.covers_role(Role::Execution);
        let mut intro = format!(
            "{what}, for the tool you deploy with, with {} as {}.",
            if both {
                "the role names"
            } else {
                "the role's name"
            },
            if both { "parameters" } else { "a parameter" },
        );
        match (self.covers_role(Role::Task), self.secrets) {
            (true, false) => intro.push_str(" The task execution role is not in it."),
            (false, true) => intro.push_str(" The task role is not in it."),
            _ => {}
        }
        if formats.contains(&Format::AwsCli) {
            intro.push_str(if both {
                " The AWS CLI script can be run again to update them."
            } else {
                " The AWS CLI script can be run again to update it."
            });
        }
        intro
    }
}
