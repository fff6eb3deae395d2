//! Reads the error ECS shows when a task cannot start — a stopped task's reason, a
//! service's event, a CLI tool's line — and says what it means: the cause, the role that
//! needs the permission, the account, region and resource, what to do. It reads by the
//! phrases of each failure and the structure of ARNs, not by one exact sentence, so the
//! three generations of agent and SDK wording, wrappers (`service X was unable to place a
//! task. Reason: …`), console prefixes in any language, `describe-tasks` JSON, terminal
//! hard-wraps and cut-off pastes all read. Text it does not know is unrecognised, never a
//! guess; a value it cannot validate is left out, never quoted in a command.

mod explain;
mod fill;
pub(crate) mod parts;
mod read;
pub(crate) mod text;

pub use fill::{fill, names_same_secret};

use crate::model::shape::{Interface, Member, Shape};
use serde::Serialize;

causes! {
    Cause;
    /// The execution role may not read the secret.
    SecretAccessDenied = "secret-access-denied", "The task's execution role may not read a secret";
    /// The execution role may not read the Parameter Store parameter.
    ParameterAccessDenied = "parameter-access-denied", "The task's execution role may not read a parameter";
    /// The role may not decrypt with the secret's KMS key.
    KmsAccessDenied = "kms-access-denied", "The role may not decrypt the secret";
    /// A `Deny` refuses the call; no `Allow` can fix it.
    ExplicitDeny = "explicit-deny", "A Deny refuses the call";
    /// There is no such secret (a typo, another region or account, or deleted).
    SecretNotFound = "secret-not-found", "There is no such secret";
    /// The secret has no current value.
    SecretValueMissing = "secret-value-missing", "The secret has no value";
    /// The secret is scheduled for deletion.
    SecretScheduledForDeletion = "secret-scheduled-for-deletion", "The secret is scheduled for deletion";
    /// The task definition asks for a JSON key the secret does not have.
    JsonKeyMissing = "json-key-missing", "The secret lacks a JSON key";
    /// The task definition asks for a JSON key of a secret whose value is not JSON.
    SecretNotJson = "secret-not-json", "The secret's value is not JSON";
    /// The task definition's reference to a secret is not a valid ARN or name.
    SecretReferenceInvalid = "secret-reference-invalid", "The task definition's secret reference is not valid";
    /// There is no such Parameter Store parameter.
    ParameterNotFound = "parameter-not-found", "There is no such parameter";
    /// ECS could not read the secrets, and the text stops before saying why.
    SecretsUnreadable = "secrets-unreadable", "ECS could not read the task's secrets";
    /// The task could not reach Secrets Manager, Parameter Store or ECR: no IAM change helps.
    Network = "network", "The task could not reach AWS";
    /// The task definition has secrets but no execution role.
    ExecutionRoleMissing = "execution-role-missing", "The task definition has no execution role";
    /// ECS could not assume the task's (or execution) role: its trust policy, or its ARN.
    RoleNotAssumable = "role-not-assumable", "ECS could not assume the role";
    /// The ECS service-linked role does not exist.
    ServiceLinkedRoleMissing = "service-linked-role-missing", "The ECS service-linked role is missing";
    /// The task's code assumed its own role, which no role trusts by default.
    SelfAssumeDenied = "self-assume-denied", "The task's role may not assume itself";
    /// A role was refused `sts:AssumeRole` on another role.
    AssumeRoleDenied = "assume-role-denied", "A role may not assume another";
    /// The user or pipeline that registers the task may not pass its role to ECS.
    PassRoleDenied = "pass-role-denied", "You may not pass the role to ECS";
    /// ECS could not get Amazon ECR credentials for the image.
    RegistryAuth = "registry-auth", "ECS could not get Amazon ECR credentials";
    /// The execution role may not call Amazon ECR.
    EcrAccessDenied = "ecr-access-denied", "The execution role may not pull from Amazon ECR";
    /// The execution role may not read the private registry's credentials secret.
    PrivateRegistryAuth = "private-registry-auth", "The execution role may not read the registry credentials";
    /// The image or its tag does not exist.
    ImageNotFound = "image-not-found", "The image does not exist";
    /// The image has no build for the task's CPU architecture.
    ImagePlatform = "image-platform", "The image is not built for the task's platform";
    /// The registry refused the image: a private repository, a wrong name or missing login.
    ImagePullAccessDenied = "image-pull-access-denied", "The registry refused the image";
    /// The image could not be pulled, for a reason the text does not give.
    ImagePullFailed = "image-pull-failed", "The image could not be pulled";
    /// The container's log configuration could not be set up.
    LoggerArgs = "logger-args", "The task's log configuration failed";
    /// A role was refused a call the builder's documents are not about.
    OtherAccessDenied = "other-access-denied", "A role may not make a call";
    /// Not an error the builder knows.
    Unrecognised = "unrecognised", "Not an error the builder recognises";
}

impl Cause {
    /// A cause that says only what failed, not why (the text was cut before the reason): a
    /// later failure of the same text that names its reason wins over it.
    pub fn is_vague(self) -> bool {
        matches!(self, Cause::SecretsUnreadable | Cause::ImagePullFailed)
    }

    /// Whether the builder's own documents are the fix: the form is filled from the error.
    pub fn builds_the_fix(self) -> bool {
        matches!(
            self,
            Cause::SecretAccessDenied | Cause::ParameterAccessDenied | Cause::KmsAccessDenied
        )
    }
}

/// Whether a role ECS could not assume is, by its name, a task execution role
/// (`ecsTaskExecutionRole`, `…-task-execution-role`): the error does not say which of the
/// task's two roles it means, and its name is the one clue.
fn is_execution_role_name(role: &str) -> bool {
    role.to_ascii_lowercase().contains("exec")
}

/// One thing to do; a command, when there is one, is the builder's own, made only of
/// values it validated and quoted for a POSIX shell, never text from the error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Step {
    /// What to do, in a sentence.
    pub text: String,
    /// The AWS CLI command that does or checks it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
}

impl Step {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "DiagnosisStep",
        doc: "One thing to do about a pasted ECS error.",
        members: &[
            Member::new("text", Shape::String, "What to do, in a sentence."),
            Member::new(
                "command",
                Shape::String,
                "The AWS CLI command that does or checks it: the builder's own words, with values it validated quoted for a POSIX shell — never text from the error.",
            )
            .optional(),
        ],
    };

    pub(crate) fn says(text: impl Into<String>) -> Self {
        Step {
            text: text.into(),
            command: None,
        }
    }

    pub(crate) fn runs(text: impl Into<String>, command: String) -> Self {
        Step {
            text: text.into(),
            command: Some(command),
        }
    }
}

impl std::fmt::Display for Step {
    /// The sentence, and the command after it: a step as plain text says.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.command {
            Some(command) => write!(f, "{} {command}", self.text),
            None => f.write_str(&self.text),
        }
    }
}

/// What the error says, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// The cause.
    pub cause: Cause,
    /// The cause in a few words.
    pub title: &'static str,
    /// The role the error names: the one that needs the permission, or that ECS could
    /// not assume.
    pub role: Option<String>,
    /// The account, from the role's or the resource's ARN.
    pub account: Option<String>,
    /// The region, from an ARN, an ECR host or the message's "in region …".
    pub region: Option<String>,
    /// The partition of those ARNs.
    pub partition: Option<String>,
    /// What the call was refused on, or what was not found: the secret's full ARN (with its
    /// real suffix), a parameter's name, the role's ARN.
    pub resource: Option<String>,
    /// The action refused, e.g. `secretsmanager:GetSecretValue`.
    pub action: Option<String>,
    /// The JSON key the task definition asked for, when that is the cause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_key: Option<String>,
    /// For an explicit deny: the kind of policy, and its ARN when the message has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deny_policy: Option<String>,
    /// One sentence a person understands.
    pub message: String,
    /// What to do, in order.
    pub steps: Vec<Step>,
    /// The document that is the fix, when one of the builder's is: every host points from
    /// the diagnosis to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<crate::model::DocumentId>,
}

impl Diagnosis {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "Diagnosis",
        doc: "What a pasted ECS error says, and what to do about it.",
        members: &[
            Member::new("cause", Shape::Named("DiagnosisCause"), ""),
            Member::new("title", Shape::String, "The cause in a few words, as every host heads it."),
            Member::new(
                "role",
                Shape::OrNull(&Shape::String),
                "The role the error names: the one that needs the permission, or that ECS could not assume.",
            ),
            Member::new(
                "account",
                Shape::OrNull(&Shape::String),
                "The account, from the role's or the resource's ARN.",
            ),
            Member::new(
                "region",
                Shape::OrNull(&Shape::String),
                "The region, from an ARN, an ECR host or the message's \"in region …\".",
            ),
            Member::new("partition", Shape::OrNull(&Shape::String), "The partition of those ARNs."),
            Member::new(
                "resource",
                Shape::OrNull(&Shape::String),
                "What the call was refused on, or what was not found (a secret's ARN with its real suffix, a parameter's name, a role's ARN).",
            ),
            Member::new(
                "action",
                Shape::OrNull(&Shape::String),
                "The action refused, e.g. \"secretsmanager:GetSecretValue\".",
            ),
            Member::new(
                "jsonKey",
                Shape::String,
                "The JSON key the task definition asked for (json-key-missing).",
            )
            .optional(),
            Member::new(
                "denyPolicy",
                Shape::String,
                "The policy that denies (explicit-deny): a kind IAM names, and its ARN when the error has a valid one.",
            )
            .optional(),
            Member::new("message", Shape::String, "One sentence a person understands."),
            Member::new("steps", Shape::List(&Shape::Named("DiagnosisStep")), "What to do, in order."),
            Member::new(
                "fix",
                Shape::Named("DocumentId"),
                "The document that is the fix, when one of the builder's is.",
            )
            .optional(),
        ],
    };
}

/// Reads pasted ECS error text. Never fails: text it does not know is `Unrecognised`.
pub fn diagnose(pasted: &str) -> Diagnosis {
    let text = text::normalise(pasted);
    let arns = parts::Arns::scan(&text);
    // Several failures are joined with `; `: the first the builder knows decides, unless it
    // says only what failed and a later one says why.
    let mut first = None;
    let mut vague = None;
    let mut start = 0;
    for piece in text.split("; ") {
        let range = start..start + piece.len();
        start = range.end + 2;
        if piece.trim().is_empty() {
            continue;
        }
        let found = read::failure(piece, range, &arns);
        match found.cause {
            Cause::Unrecognised => {
                first.get_or_insert(found);
            }
            cause if cause.is_vague() => {
                vague.get_or_insert(found);
            }
            _ => return explain::explained(found),
        }
    }
    explain::explained(
        vague
            .or(first)
            .unwrap_or_else(|| read::failure("", 0..0, &arns)),
    )
}
