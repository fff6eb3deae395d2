//! Exports of the whole request — both roles, every document — for the tools people deploy
//! with. Each is written from the core's typed documents, never by re-reading JSON.

mod aws_cli;
mod cdk;
mod cloudformation;
mod hcl;
mod json;
mod terraform;
mod tree;
mod typescript;
mod yaml;

use crate::aws::partition::Partition;
use crate::build::{Response, Target};
use crate::documents::{MANAGED_POLICY, execution_role_trust_policy};
use crate::model::policy::PolicyDocument;
use crate::model::shape::{Interface, Member, Shape};
use crate::model::{DocumentId, Policy};
use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The roles' default names, kept at this path for the crate's users.
pub use crate::aws::partition::{EXECUTION_ROLE_NAME, TASK_ROLE_NAME};

/// What an export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The response itself, as the CLI prints it.
    Json,
    /// A bash script of AWS CLI calls that creates or updates both roles.
    AwsCli,
    /// A CloudFormation template in YAML.
    CloudFormation,
    /// The same CloudFormation template in JSON.
    CloudFormationJson,
    /// Terraform (HCL) resources.
    Terraform,
    /// An AWS CDK construct in TypeScript.
    Cdk,
}

impl Format {
    /// Every format, in the order the page offers them.
    pub const ALL: [Format; 6] = [
        Format::Json,
        Format::AwsCli,
        Format::CloudFormation,
        Format::CloudFormationJson,
        Format::Terraform,
        Format::Cdk,
    ];

    /// The name the CLI's `--format` takes.
    pub fn id(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::AwsCli => "aws-cli",
            Format::CloudFormation => "cloudformation",
            Format::CloudFormationJson => "cloudformation-json",
            Format::Terraform => "terraform",
            Format::Cdk => "cdk",
        }
    }

    /// A name people recognise.
    pub fn label(self) -> &'static str {
        match self {
            Format::Json => "JSON",
            Format::AwsCli => "AWS CLI",
            Format::CloudFormation => "CloudFormation (YAML)",
            Format::CloudFormationJson => "CloudFormation (JSON)",
            Format::Terraform => "Terraform",
            Format::Cdk => "AWS CDK (TypeScript)",
        }
    }

    /// The file name a download gets.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Json => "matillion-agent-iam.json",
            Format::AwsCli => "matillion-agent-iam.sh",
            Format::CloudFormation => "matillion-agent-iam.yaml",
            Format::CloudFormationJson => "matillion-agent-iam.template.json",
            Format::Terraform => "matillion-agent-iam.tf",
            Format::Cdk => "matillion-agent-roles.ts",
        }
    }
}

/// Written as its id, as `--format` and `exportAs()` take it.
impl Serialize for Format {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// Why a format name was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.id()).collect();
        write!(
            f,
            "unknown format “{}” — use one of {}",
            self.0,
            names.join(", ")
        )
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|format| format.id() == s)
            .ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

/// One export: its text and what to call the file. Serialised, it is what the npm
/// package's `exportAs()` returns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Export {
    /// The format it is written in.
    pub format: Format,
    /// A file name for downloads.
    pub file_name: &'static str,
    /// The export itself.
    pub text: String,
}

impl Export {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "ExportResult",
        doc: "One export of the whole request, and what to call its file.",
        members: &[
            Member::new("format", Shape::Named("ExportFormat"), ""),
            Member::new(
                "fileName",
                Shape::String,
                "A file name for downloads, e.g. \"matillion-agent-roles.ts\".",
            ),
            Member::new("text", Shape::String, "The export itself."),
        ],
    };
}

/// Writes the response's documents in `format`.
///
/// ```
/// use iam_policy_core::{Format, Request, build, export};
/// let response = build(&Request {
///     account: "123456789012".into(),
///     region: "eu-west-1".into(),
///     secrets: vec!["matillion/agent".into()],
///     ..Request::default()
/// });
/// let template = export(&response, Format::CloudFormation).text;
/// assert!(template.contains(
///     r#"!Sub "arn:${AWS::Partition}:secretsmanager:${AgentRegion}:${AgentAccountId}:secret:matillion/agent-??????""#
/// ));
/// ```
pub fn export(response: &Response, format: Format) -> Export {
    let roles = Roles::of(response);
    let text = match format {
        Format::Json => serde_json::to_string_pretty(response)
            .map(|json| json + "\n")
            .unwrap_or_default(),
        Format::AwsCli => aws_cli::script(&roles),
        Format::CloudFormation => {
            roles.notes("#") + &yaml::render(&cloudformation::template(&roles))
        }
        Format::CloudFormationJson => json::render(&cloudformation::template(&roles)),
        Format::Terraform => terraform::configuration(&roles),
        Format::Cdk => cdk::construct(&roles),
    };
    Export {
        format,
        file_name: format.file_name(),
        text,
    }
}

/// Whether an export creates a role or attaches to one that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The export creates the role.
    New,
    /// The role exists (its policy was pasted): the export changes only what the builder
    /// changed, and never creates it. `changed` is false when it needed nothing.
    Existing { changed: bool },
}

impl Mode {
    fn of(document: Option<&crate::model::Document>) -> Mode {
        match document {
            Some(d) if d.origin == crate::model::Origin::Existing => Mode::Existing {
                changed: d.changes.as_ref().is_some_and(|c| !c.is_empty()),
            },
            _ => Mode::New,
        }
    }

    pub fn is_existing(self) -> bool {
        matches!(self, Mode::Existing { .. })
    }
}

/// What every export describes: the two roles and their documents.
pub(crate) struct Roles<'a> {
    pub target: &'a Target,
    pub trust: Policy,
    /// The task role: new, or an existing one whose trust policy was merged.
    pub task_role: Mode,
    pub execution_trust: Policy,
    /// The execution role: new, or an existing one whose secrets policy was fixed.
    pub execution_role: Mode,
    pub secrets: Option<(&'static str, &'a Policy)>,
    pub task_permissions: Option<(&'static str, &'a Policy)>,
    pub managed_policy: String,
    /// What must be done before the export can be used, when anything must.
    pub not_ready: Option<String>,
    /// Whether a document still holds a placeholder.
    pub placeholders: bool,
    /// What the documents grant beyond named secrets and principals, a sentence each (the
    /// warnings whose code widens a grant): an export must say it as the cards do.
    pub grants_more: Vec<String>,
}

impl<'a> Roles<'a> {
    fn of(response: &'a Response) -> Roles<'a> {
        let named = |id: DocumentId| {
            response
                .document(id)
                .map(|d| (d.placement.policy_name.unwrap_or(id.as_str()), &d.policy))
        };
        let partition =
            Partition::by_id(response.target.partition).unwrap_or_else(Partition::commercial);
        let trust = response.document(DocumentId::TaskRoleTrustPolicy);
        Roles {
            target: &response.target,
            // `build` always returns the trust policy; a hand-made response might not.
            trust: trust.map_or_else(
                || Policy::New(PolicyDocument::new(Vec::new())),
                |d| d.policy.clone(),
            ),
            task_role: Mode::of(trust),
            execution_trust: Policy::New(execution_role_trust_policy()),
            execution_role: Mode::of(response.document(DocumentId::ExecutionRoleSecretsPolicy)),
            secrets: named(DocumentId::ExecutionRoleSecretsPolicy),
            task_permissions: named(DocumentId::TaskRolePermissionsPolicy),
            managed_policy: partition.managed_policy_arn(MANAGED_POLICY),
            not_ready: response.not_ready(),
            placeholders: response.has_placeholders(),
            grants_more: response
                .problems
                .iter()
                .filter(|p| p.code.widens_a_grant())
                .map(|p| p.message.clone())
                .collect(),
        }
    }

    /// The task role's name, as the request gave it (or the default).
    pub fn task_role_name(&self) -> &str {
        &self.target.task_role
    }

    /// The execution role's name.
    pub fn execution_role_name(&self) -> &str {
        &self.target.execution_role
    }

    /// Comments saying the export is not ready, and what it grants beyond named secrets
    /// and principals, for formats that have comments. Each is one line whatever the
    /// messages quote from pasted text: a line break or a line separator there would end
    /// the comment and make the rest code.
    pub fn notes(&self, comment: &str) -> String {
        let mut out = String::new();
        if let Some(what) = &self.not_ready {
            let placeholders = if self.placeholders {
                " Placeholders such as <account-id> remain."
            } else {
                ""
            };
            out.push_str(&format!(
                "{comment} NOT READY: {}.{placeholders}\n",
                crate::text::chars::one_line(what)
            ));
        }
        for grant in &self.grants_more {
            out.push_str(&format!(
                "{comment} GRANTS MORE: {}\n",
                crate::text::chars::one_line(grant)
            ));
        }
        out
    }
}
