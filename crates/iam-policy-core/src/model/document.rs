//! The document vocabulary every layer above shares: which document, what kind, its JSON
//! (written new or pasted), where it goes in the console and its size.

use super::json::Json;
use super::policy::PolicyDocument;
use super::shape::{Alias, Interface, Member, Shape};
use crate::text::with_all;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// A document's JSON: written by the builder, or a pasted one merged or fixed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Policy {
    /// Built from the form.
    New(PolicyDocument),
    /// The user's own document, changed only where it had to be.
    Existing(Json),
}

impl Policy {
    /// Its TypeScript declaration: either variant's JSON, as serde writes an untagged enum.
    pub const DECLARED: Alias = Alias {
        name: "IamPolicy",
        doc: "A policy as IAM reads it: the builder's own (origin \"new\"), or a pasted one with the builder's changes (origin \"existing\"), which keeps its own shape.",
        shape: Shape::AnyOf(&[Shape::Named("NewPolicy"), Shape::Named("ExistingPolicy")]),
    };

    /// The builder's typed document, when the policy is one.
    pub fn as_new(&self) -> Option<&PolicyDocument> {
        match self {
            Policy::New(document) => Some(document),
            Policy::Existing(_) => None,
        }
    }
}

with_all! {
    /// Whether a document was written new or made from one the user pasted.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub enum Origin {
        /// Written from the form.
        New,
        /// The pasted policy, merged or fixed.
        Existing,
    }
}

/// Every document, once: its variant, the id hosts write, its heading, the role whose
/// policy it is and its kind. The enum, `ALL`, and each accessor are derived from this one
/// table.
macro_rules! documents {
    ($($(#[doc = $doc:literal])* $variant:ident = $id:literal, $title:literal, $role:ident, $kind:ident;)*) => {
        /// Which document this is.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        pub enum DocumentId {
            $($(#[doc = $doc])* #[serde(rename = $id)] $variant,)*
        }

        impl DocumentId {
            /// Every document, in the order the user applies them.
            pub const ALL: &'static [DocumentId] = &[$(DocumentId::$variant),*];

            /// A heading for the document, e.g. "Task role trust policy".
            pub fn title(self) -> &'static str {
                match self {
                    $(DocumentId::$variant => $title,)*
                }
            }

            /// The id as written in JSON, e.g. `task-role-trust-policy`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(DocumentId::$variant => $id,)*
                }
            }

            /// The role whose policy it is.
            pub fn role(self) -> Role {
                match self {
                    $(DocumentId::$variant => Role::$role,)*
                }
            }

            /// Trust or inline policy.
            pub fn kind(self) -> PolicyKind {
                match self {
                    $(DocumentId::$variant => PolicyKind::$kind,)*
                }
            }
        }
    };
}

documents! {
    /// The task role's trust policy ("trusted entities").
    TaskRoleTrustPolicy = "task-role-trust-policy", "Task role trust policy", Task, Trust;
    /// The task execution role's inline policy for reading secrets.
    ExecutionRoleSecretsPolicy = "execution-role-secrets-policy", "Task execution role inline policy", Execution, Inline;
    /// The task role's inline permissions policy (Matillion's current docs).
    TaskRolePermissionsPolicy = "task-role-permissions-policy", "Task role permissions policy", Task, Inline;
    /// On EKS, the runner role's trust policy: IRSA's web identity or Pod Identity.
    RunnerRoleTrustPolicy = "runner-role-trust-policy", "Runner role trust policy", Runner, Trust;
    /// On EKS, the runner role's inline policy: what the two ECS roles grant together.
    RunnerRolePermissionsPolicy = "runner-role-permissions-policy", "Runner role permissions policy", Runner, Inline;
}

impl Document {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "PolicyDocumentEntry",
        doc: "One document and how to put it in place.",
        members: &[
            Member::new("id", Shape::Named("DocumentId"), ""),
            Member::new("title", Shape::String, "A heading, e.g. \"Task role trust policy\"."),
            Member::new("role", Shape::String, "The role it belongs to, in the Matillion docs' words."),
            Member::new("kind", Shape::Named("PolicyKind"), ""),
            Member::new(
                "policy",
                Shape::Named("IamPolicy"),
                "The IAM JSON to paste: the builder's, or (origin \"existing\") the pasted one changed.",
            ),
            Member::new(
                "origin",
                Shape::Named("Origin"),
                "\"existing\" when made from a pasted policy; \"new\" when written from the form.",
            ),
            Member::new(
                "changes",
                Shape::List(&Shape::String),
                "For an existing policy: what the builder changed, a sentence each (empty: nothing).",
            )
            .optional(),
            Member::new("placement", Shape::Named("Placement"), ""),
            Member::new(
                "size",
                Shape::Named("Size"),
                "Characters as IAM counts them (no white space), against the limit.",
            ),
            Member::new(
                "complete",
                Shape::Boolean,
                "False while it holds placeholders for fields that have errors.",
            ),
        ],
    };

    /// Whether it still holds a placeholder where a value is missing.
    pub fn has_placeholders(&self) -> bool {
        self.placeholders
    }
}

with_all! {
    /// The roles the documents belong to, in the order the console work is done.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub enum Role {
        /// The role the running agent uses.
        Task,
        /// The role ECS uses to start the agent and inject its secrets.
        Execution,
        /// On EKS, the one role the runner's pods assume.
        Runner,
    }
}

impl Role {
    /// The role in the Matillion docs' words, as each of its documents names it.
    pub fn in_words(self) -> &'static str {
        match self {
            Role::Task => "Task role — the role the running agent uses",
            Role::Execution => {
                "Task execution role — the role ECS uses to start the agent and inject its secrets"
            }
            Role::Runner => "Runner role — the role the runner's pods assume",
        }
    }
}

/// Why a document id was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownDocument(pub String);

impl fmt::Display for UnknownDocument {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = DocumentId::ALL.iter().map(|d| d.as_str()).collect();
        write!(
            f,
            "unknown document “{}” — use one of {}",
            self.0,
            ids.join(", ")
        )
    }
}

impl FromStr for DocumentId {
    type Err = UnknownDocument;

    /// Its id as written in JSON, in any case (`data-documents` takes them so).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocumentId::ALL
            .iter()
            .copied()
            .find(|id| id.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownDocument(s.to_owned()))
    }
}

with_all! {
    /// The kind of policy, which decides where in the console it is pasted.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub enum PolicyKind {
        /// A role's trust policy: has `Principal`, no `Resource`.
        Trust,
        /// An inline identity policy: has `Resource`, no `Principal`.
        Inline,
    }
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

impl Placement {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "Placement",
        doc: "Where a document goes in the AWS console.",
        members: &[
            Member::new("steps", Shape::List(&Shape::String), "The console steps, in order."),
            Member::new("policyName", Shape::String, "The name to give an inline policy.").optional(),
            Member::new(
                "managedPolicies",
                Shape::List(&Shape::String),
                "AWS managed policies the role also needs, as ARNs of the region's partition.",
            )
            .optional(),
            Member::new(
                "consoleUrl",
                Shape::String,
                "The console page where it goes (the role's trust or permissions tab); none in the partitions without a public console.",
            )
            .optional(),
        ],
    };
}

impl Size {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "Size",
        doc: "A document's size as IAM counts it: characters without white space.",
        members: &[
            Member::new(
                "characters",
                Shape::Number,
                "Characters of the compact JSON.",
            ),
            Member::new(
                "limit",
                Shape::Number,
                "The most IAM accepts for this kind of document.",
            ),
        ],
    };
}
