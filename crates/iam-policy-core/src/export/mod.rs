//! Exports of the request for the tools people deploy with: both roles and every document,
//! or the roles of the documents a host shows ([`Scope`]). Each is written from the core's
//! typed documents, never by re-reading JSON.

mod aws_cli;
mod cdk;
mod cloudformation;
mod hcl;
mod json;
mod scope;
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
use crate::text::with_all;
use scope::TaskRole;
use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use tree::Piece;

pub use scope::{Scope, ScopeError};

/// The roles' default names, kept at this path for the crate's users.
pub use crate::aws::partition::{EXECUTION_ROLE_NAME, TASK_ROLE_NAME};

with_all! {
    /// What an export is written in; declared in the order the page offers them.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Format {
        /// The response itself, as the CLI prints it.
        Json,
        /// A bash script of AWS CLI calls that creates or updates the roles.
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
}

impl Format {
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
    /// What must be done before it can be used, in the form's words ("fill in or fix AWS
    /// account ID first"), counting only what concerns the documents it covers; `None`
    /// when it is ready. The JSON format's is the whole response's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_ready: Option<String>,
    /// Whether a document it covers still holds a placeholder such as `<account-id>`.
    pub placeholders: bool,
}

impl Export {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "ExportResult",
        doc: "One export of the request (every document, or the ones asked for), and what to call its file.",
        members: &[
            Member::new("format", Shape::Named("ExportFormat"), ""),
            Member::new(
                "fileName",
                Shape::String,
                "A file name for downloads, e.g. \"matillion-agent-roles.ts\".",
            ),
            Member::new("text", Shape::String, "The export itself."),
            Member::new(
                "notReady",
                Shape::String,
                "What must be done before it can be used, in the form's words; only problems about the documents it covers count.",
            )
            .optional(),
            Member::new(
                "placeholders",
                Shape::Boolean,
                "Whether a document it covers still holds a placeholder such as <account-id>.",
            ),
        ],
    };
}

/// Writes all the response's documents in `format`: [`export_documents`] with
/// [`Scope::ALL`].
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
    export_documents(response, format, Scope::ALL)
}

/// Writes the documents of `scope` in `format`: only their roles are created or attached
/// to, and only their policies granted. [`Format::Json`] is the whole response whatever
/// the scope (it is what the CLI prints, not a deployment). On EKS the one role is the
/// runner role, written whole when the scope covers either of its documents.
///
/// ```
/// use iam_policy_core::export::{Scope, export_documents};
/// use iam_policy_core::{DocumentId, Format, Request, build};
/// let response = build(&Request {
///     account: "123456789012".into(),
///     region: "eu-west-1".into(),
///     secrets: vec!["matillion/agent".into()],
///     ..Request::default()
/// });
/// let secrets_only = Scope::of(&[DocumentId::ExecutionRoleSecretsPolicy]).unwrap();
/// let terraform = export_documents(&response, Format::Terraform, secrets_only).text;
/// assert!(terraform.contains(r#"resource "aws_iam_role" "agent_execution""#));
/// assert!(!terraform.contains("agent_task"));
/// ```
pub fn export_documents(response: &Response, format: Format, scope: Scope) -> Export {
    let whole = format == Format::Json;
    if let Some(elsewhere) = scope.misses(response).filter(|_| !whole) {
        return Export {
            format,
            file_name: format.file_name(),
            text: String::new(),
            not_ready: Some(elsewhere),
            placeholders: false,
        };
    }
    if let Some(runner) = Runner::of(response, scope) {
        let text = runner_export(response, &runner, format);
        return export_of(format, text, response, runner.said);
    }
    let mut roles = Roles::of(response, scope);
    let stack = matches!(format, Format::CloudFormation | Format::CloudFormationJson);
    if stack && roles.said.not_ready.is_none() && !roles.stack_has_work() {
        // CloudFormation refuses a template without resources, and the trust policy of a
        // role the stack did not create is the one thing left that it cannot change.
        roles.said.not_ready = Some(
            "CloudFormation cannot change the trust policy of a role it did not create, so this template would create nothing: use the AWS CLI script or the console".to_owned(),
        );
    }
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
    export_of(format, text, response, roles.said)
}

/// The export whose text is `text`: what must be done before it can be used, and whether
/// a placeholder is left, are what `said` says of the documents it covers — or, for the
/// response's own JSON, what the response says of them all.
fn export_of(format: Format, text: String, response: &Response, said: Said) -> Export {
    let whole = format == Format::Json;
    Export {
        format,
        file_name: format.file_name(),
        text,
        not_ready: if whole {
            response.not_ready()
        } else {
            said.not_ready
        },
        placeholders: if whole {
            response.has_placeholders()
        } else {
            said.placeholders
        },
    }
}

/// On EKS, the runner role in `format`.
fn runner_export(response: &Response, runner: &Runner<'_>, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(response)
            .map(|json| json + "\n")
            .unwrap_or_default(),
        Format::AwsCli => aws_cli::runner_script(runner),
        Format::CloudFormation => {
            runner.said.notes("#") + &yaml::render(&cloudformation::runner_template(runner))
        }
        Format::CloudFormationJson => json::render(&cloudformation::runner_template(runner)),
        Format::Terraform => terraform::runner_configuration(runner),
        Format::Cdk => cdk::runner_construct(runner),
    }
}

/// What every export says besides its resources: that it is not ready, and what its
/// documents grant beyond named secrets and principals.
pub(crate) struct Said {
    /// What must be done before the export can be used, when anything must.
    pub not_ready: Option<String>,
    /// Whether a document still holds a placeholder.
    pub placeholders: bool,
    /// What the documents grant beyond named secrets and principals, a sentence each (the
    /// warnings whose code widens a grant): an export must say it as the cards do.
    pub grants_more: Vec<String>,
}

impl Said {
    /// What an export of the documents of `scope` must say: the errors, placeholders and
    /// wider grants of those documents only.
    fn among(response: &Response, scope: Scope) -> Said {
        let documents = scope.documents();
        Said {
            not_ready: response.not_ready_among(&documents).or_else(|| {
                // Only the permissions policy is missing without an error (its option is
                // off), so an export of it alone would otherwise write nothing, silently.
                documents
                    .iter()
                    .all(|&id| response.document(id).is_none())
                    .then(|| {
                        format!(
                            "turn on “{}” first",
                            crate::input::fields::def(crate::input::Field::TaskRolePolicy).label
                        )
                    })
            }),
            placeholders: response.has_placeholders_among(&documents),
            grants_more: response
                .problems
                .iter()
                .filter(|p| p.code.widens_a_grant() && p.document.is_none_or(|d| scope.covers(d)))
                .map(|p| p.message.clone())
                .collect(),
        }
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

/// What the EKS exports describe: the runner role, its trust and its permissions.
pub(crate) struct Runner<'a> {
    pub target: &'a Target,
    /// The role's name, as the request gave it (or the default).
    pub role: &'a str,
    pub trust: &'a Policy,
    /// New, or an existing role whose trust policy was merged.
    pub mode: Mode,
    /// The permissions policy's name and document.
    pub permissions: Option<(&'static str, &'a Policy)>,
    /// With IRSA on a new role: the provider's ARN and the issuer's host/path the trust
    /// policy names, which every export makes parameters defaulting to them.
    pub web_identity: Option<WebIdentity>,
    pub said: Said,
}

/// The IAM OIDC provider a new runner role trusts, as written in its trust policy.
pub(crate) struct WebIdentity {
    /// `arn:<partition>:iam::<account>:oidc-provider/<issuer>`.
    pub provider: String,
    /// The issuer's host/path (`oidc.eks.<region>.amazonaws.com/id/<ID>`).
    pub issuer: String,
}

impl WebIdentity {
    /// The provider's ARN up to the issuer: `arn:<partition>:iam::<account>:oidc-provider/`.
    pub fn provider_prefix(&self) -> &str {
        self.provider
            .strip_suffix(self.issuer.as_str())
            .unwrap_or(&self.provider)
    }
}

impl<'a> Runner<'a> {
    /// The runner role of an EKS response; `None` for ECS.
    fn of(response: &'a Response, scope: Scope) -> Option<Runner<'a>> {
        let role = response.target.runner_role.as_deref()?;
        if !scope.covers_role(crate::model::Role::Runner) {
            return None;
        }
        let trust = response.document(DocumentId::RunnerRoleTrustPolicy)?;
        let mode = Mode::of(Some(trust));
        let web_identity = trust
            .policy
            .as_new()
            .filter(|_| mode == Mode::New)
            .and_then(|policy| policy.statement.first())
            .and_then(|statement| match &statement.principal {
                Some(crate::model::policy::Principal::Federated(provider)) => {
                    let (_, issuer) = provider.split_once(":oidc-provider/")?;
                    Some(WebIdentity {
                        provider: provider.clone(),
                        issuer: issuer.to_owned(),
                    })
                }
                _ => None,
            });
        Some(Runner {
            target: &response.target,
            role,
            trust: &trust.policy,
            mode,
            permissions: response
                .document(DocumentId::RunnerRolePermissionsPolicy)
                .map(|d| {
                    (
                        d.placement
                            .policy_name
                            .unwrap_or("MatillionRunnerPermissions"),
                        &d.policy,
                    )
                }),
            web_identity,
            said: Said::among(response, scope),
        })
    }

    /// The trust policy as compact JSON in pieces: where the policy names the provider's
    /// ARN and the issuer, the parameters `provider` and `issuer` stand for them (each
    /// export names its own); the rest as it is.
    pub fn trust_pieces(&self, provider: &'static str, issuer: &'static str) -> Vec<Piece> {
        let text = serde_json::to_string(self.trust).unwrap_or_default();
        let Some(web) = &self.web_identity else {
            return vec![Piece::Literal(text)];
        };
        let mut pieces = Vec::new();
        for (i, around_provider) in text.split(web.provider.as_str()).enumerate() {
            if i > 0 {
                pieces.push(Piece::Parameter(provider));
            }
            for (j, literal) in around_provider.split(web.issuer.as_str()).enumerate() {
                if j > 0 {
                    pieces.push(Piece::Parameter(issuer));
                }
                if !literal.is_empty() {
                    pieces.push(Piece::Literal(literal.to_owned()));
                }
            }
        }
        pieces
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
    /// Only the task role's permissions policy is covered: the export attaches it to the
    /// role by name, never creates the role, and says nothing of its trust policy, which
    /// the reader was not shown.
    Attached,
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

    /// Whether the role exists already, so the export must not create it.
    pub fn is_existing(self) -> bool {
        matches!(self, Mode::Existing { .. } | Mode::Attached)
    }
}

/// What every export describes: the roles of its scope and their documents.
pub(crate) struct Roles<'a> {
    pub target: &'a Target,
    /// The task role's trust policy; written only when `task_role` is New or Existing.
    pub trust: Policy,
    /// The task role: new, an existing one whose trust policy was merged, one the
    /// permissions policy is attached to, or none when the scope leaves it out.
    pub task_role: Option<Mode>,
    pub execution_trust: Policy,
    /// The execution role: new, or an existing one whose secrets policy was fixed; none
    /// when the scope leaves it out.
    pub execution_role: Option<Mode>,
    pub secrets: Option<(&'static str, &'a Policy)>,
    pub task_permissions: Option<(&'static str, &'a Policy)>,
    pub managed_policy: String,
    pub said: Said,
}

impl<'a> Roles<'a> {
    fn of(response: &'a Response, scope: Scope) -> Roles<'a> {
        let named = |id: DocumentId| {
            response
                .document(id)
                .filter(|_| scope.covers(id))
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
            task_role: match scope.task_role() {
                TaskRole::Whole => Some(Mode::of(trust)),
                TaskRole::Attached => Some(Mode::Attached),
                TaskRole::LeftOut => None,
            },
            execution_trust: Policy::New(execution_role_trust_policy()),
            execution_role: scope
                .covers(DocumentId::ExecutionRoleSecretsPolicy)
                .then(|| Mode::of(response.document(DocumentId::ExecutionRoleSecretsPolicy))),
            secrets: named(DocumentId::ExecutionRoleSecretsPolicy),
            task_permissions: named(DocumentId::TaskRolePermissionsPolicy),
            managed_policy: partition.managed_policy_arn(MANAGED_POLICY),
            said: Said::among(response, scope),
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

    /// What the export holds, for its opening comment: "IAM roles", "IAM task role" or
    /// "IAM task execution role".
    pub fn subject(&self) -> &'static str {
        match (self.task_role, self.execution_role) {
            (Some(_), Some(_)) => "IAM roles",
            (Some(_), None) => "IAM task role",
            (None, _) => "IAM task execution role",
        }
    }

    /// Whether a stack (CloudFormation, Terraform, the CDK) has anything to create or
    /// attach: not when the scope covers only the trust policy of a role that exists,
    /// which only the AWS CLI script or the console can change, or only a permissions
    /// policy that was not built.
    pub fn stack_has_work(&self) -> bool {
        self.execution_role.is_some()
            || self.task_permissions.is_some()
            || self.task_role == Some(Mode::New)
    }

    /// The task role's trust policy, when the export writes it: it creates the role, or
    /// sets the merged policy on the existing one.
    pub fn written_trust(&self) -> Option<&Policy> {
        matches!(self.task_role, Some(Mode::New | Mode::Existing { .. })).then_some(&self.trust)
    }

    /// The notes every commented format starts with.
    pub fn notes(&self, comment: &str) -> String {
        self.said.notes(comment)
    }
}
