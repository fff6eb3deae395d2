//! Every form field, defined once: its request name, CLI flag, widget attribute,
//! share-link key, kind, label and hints. Every host reads and writes fields by looping
//! over [`FIELDS`] — the CLI's flags and `--help`, the widget's attributes and `mount()`
//! options, the share link, the page's form, the fuzzer's requests, and the generated
//! TypeScript types and README tables. A new field is one edit of this file — its
//! [`Field`] variant, its place in [`Request`] and its row — plus its rule in the form
//! reader and its place in the page's layout.
//!
//! ```
//! use iam_policy_core::input::fields::{self, Kind};
//! use iam_policy_core::input::Field;
//!
//! let buckets = fields::def(Field::StagingBuckets);
//! assert_eq!(buckets.name, "stagingBuckets");
//! assert_eq!(buckets.attribute(), "data-staging-buckets");
//! assert_eq!(buckets.flag, "staging-bucket");
//! assert_eq!(buckets.kind(), Kind::List);
//! ```

use crate::input::request::{EksCredentials, Platform, SecretScope};
use crate::model::DocumentId;
use crate::model::shape::{Member, Shape};
use serde::{Deserialize, Serialize};

/// The request field a problem belongs to; the page shows the problem next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Field {
    /// The AWS account ID.
    Account,
    /// The region.
    Region,
    /// The secret list.
    Secrets,
    /// The choice of which secrets may be read.
    SecretScope,
    /// The name prefix for the prefix scope.
    SecretPrefix,
    /// The option that lets EC2 assume the task role.
    Ec2Principal,
    /// The confused-deputy conditions option.
    SourceConditions,
    /// The customer managed KMS keys.
    KmsKeys,
    /// The Parameter Store parameters.
    Parameters,
    /// The option to build the task role's permissions policy.
    TaskRolePolicy,
    /// The secrets pipelines read at run time.
    RuntimeSecrets,
    /// The S3 staging buckets.
    StagingBuckets,
    /// The task role's name (an existing role's, or the one the exports create).
    TaskRoleName,
    /// The trust policy the task role already has, pasted to merge into.
    ExistingTrustPolicy,
    /// The task execution role's name.
    ExecutionRoleName,
    /// The secrets policy the execution role already has, pasted to check and fix.
    ExistingSecretsPolicy,
    /// The error a task stopped with, pasted from the ECS console.
    EcsError,
    /// Where the agent runs: ECS Fargate or Amazon EKS.
    Platform,
    /// How the runner's pods on EKS get credentials: IRSA or Pod Identity.
    EksCredentials,
    /// The EKS cluster's OpenID Connect provider URL (or the IAM provider's ARN).
    OidcIssuer,
    /// The Kubernetes namespace the runner is installed in.
    KubernetesNamespace,
    /// The runner's Kubernetes service accounts.
    ServiceAccounts,
    /// The EKS cluster's name (Pod Identity's association and its trust condition).
    ClusterName,
    /// The EKS runner role's name.
    RunnerRoleName,
    /// The trust policy the EKS runner role already has, pasted to merge into.
    ExistingRunnerTrustPolicy,
    /// The error a runner pod logged, pasted from EKS.
    EksError,
    /// A generated document as a whole (its size, its shape).
    Documents,
}

impl Field {
    /// The document this field's entries end up in, if one: a problem about what that
    /// document grants is shown on its card too, whatever controls a host shows.
    pub fn document(self, platform: Platform) -> Option<DocumentId> {
        if platform == Platform::Eks {
            return match self {
                Field::Secrets
                | Field::SecretScope
                | Field::SecretPrefix
                | Field::KmsKeys
                | Field::RuntimeSecrets
                | Field::StagingBuckets => Some(DocumentId::RunnerRolePermissionsPolicy),
                Field::EksCredentials
                | Field::OidcIssuer
                | Field::KubernetesNamespace
                | Field::ServiceAccounts
                | Field::ClusterName
                | Field::ExistingRunnerTrustPolicy => Some(DocumentId::RunnerRoleTrustPolicy),
                _ => None,
            };
        }
        match self {
            Field::Secrets
            | Field::SecretScope
            | Field::SecretPrefix
            | Field::KmsKeys
            | Field::Parameters => Some(DocumentId::ExecutionRoleSecretsPolicy),
            Field::Ec2Principal | Field::SourceConditions | Field::ExistingTrustPolicy => {
                Some(DocumentId::TaskRoleTrustPolicy)
            }
            Field::ExistingSecretsPolicy => Some(DocumentId::ExecutionRoleSecretsPolicy),
            Field::TaskRolePolicy | Field::RuntimeSecrets | Field::StagingBuckets => {
                Some(DocumentId::TaskRolePermissionsPolicy)
            }
            Field::Account
            | Field::Region
            | Field::TaskRoleName
            | Field::ExecutionRoleName
            | Field::EcsError
            | Field::Platform
            | Field::EksCredentials
            | Field::OidcIssuer
            | Field::KubernetesNamespace
            | Field::ServiceAccounts
            | Field::ClusterName
            | Field::RunnerRoleName
            | Field::ExistingRunnerTrustPolicy
            | Field::EksError
            | Field::Documents => None,
        }
    }
}

/// The input to [`crate::build()`]. Every field may be missing; a missing or bad value
/// becomes a problem in the response, never a failure. The defaults reproduce the
/// Matillion agent documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Request {
    /// The 12-digit AWS account ID, as typed (`1234-5678-9012` is fine).
    pub account: String,
    /// The region code, e.g. `eu-west-1`.
    pub region: String,
    /// Secret names, ARNs or ECS `valueFrom` strings, one per entry.
    pub secrets: Vec<String>,
    /// Older requests' and links' spelling of `secretScope: "all"`, still read. Nothing
    /// else uses it: the form, the page and the problems know only the scope.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub all_secrets: bool,
    /// Which secrets the execution role may read.
    pub secret_scope: SecretScope,
    /// The name prefix for `secretScope: "prefix"`, e.g. `prod/`.
    pub secret_prefix: String,
    /// Let EC2 assume the task role too, as the Matillion docs do. Only needed when the role
    /// doubles as an EC2 instance profile.
    pub ec2_principal: bool,
    /// Confused-deputy protection: only ECS tasks of this account and region may assume
    /// the task role.
    pub source_conditions: bool,
    /// Customer managed KMS keys (ARNs or key IDs) that encrypt the secrets.
    pub kms_keys: Vec<String>,
    /// Parameter Store parameters (names or ARNs) the task definition references.
    pub parameters: Vec<String>,
    /// Also build the task role's permissions policy from Matillion's current docs.
    pub task_role_policy: bool,
    /// Secrets pipelines read at run time (task role permissions policy).
    pub runtime_secrets: Vec<String>,
    /// S3 staging buckets (names, `s3://` URLs or ARNs) for the task role.
    pub staging_buckets: Vec<String>,
    /// The task role's name: the existing role's, or the one the exports create.
    pub task_role_name: String,
    /// The trust policy the task role already has, as copied from the console's editor;
    /// blank for a new role. The trust document is then this policy with what the agent
    /// needs added.
    pub existing_trust_policy: String,
    /// The task execution role's name.
    pub execution_role_name: String,
    /// The secrets policy the execution role already has, as copied from the console;
    /// blank for a new policy. The secrets document is then this policy, fixed.
    pub existing_secrets_policy: String,
    /// The error a task stopped with, as pasted from the ECS console: the response has its
    /// diagnosis, and the fields left empty are taken from it.
    pub ecs_error: String,
    /// Where the agent runs: ECS Fargate (the default; the three ECS documents) or Amazon
    /// EKS (the runner role's trust and permissions policies).
    pub platform: Platform,
    /// On EKS, how the runner's pods get credentials: IRSA (the default) or Pod Identity.
    pub eks_credentials: EksCredentials,
    /// The cluster's OpenID Connect provider URL as the EKS console shows it (also without
    /// `https://`, with a trailing slash, or as the IAM OIDC provider's ARN).
    pub oidc_issuer: String,
    /// The Kubernetes namespace the runner is installed in.
    pub kubernetes_namespace: String,
    /// The runner's service accounts, in that namespace.
    pub service_accounts: Vec<String>,
    /// The EKS cluster's name: Pod Identity's association and trust condition, and the
    /// eksctl step.
    pub cluster_name: String,
    /// The EKS runner role's name: the existing role's, or the one the exports create.
    pub runner_role_name: String,
    /// The trust policy the runner role already has; blank for a new role.
    pub existing_runner_trust_policy: String,
    /// The error a runner pod logged, as pasted: the response has its diagnosis, and the
    /// fields left empty are taken from it.
    pub eks_error: String,
}

impl Request {
    /// The members of its TypeScript declaration that no row of [`FIELDS`] declares: older
    /// requests' spellings, still read.
    pub const LEGACY: &'static [Member] = &[Member::new(
        "allSecrets",
        Shape::Boolean,
        "Older requests' spelling of secretScope: \"all\".",
    )
    .optional()];
}

impl Default for Request {
    fn default() -> Self {
        Request {
            account: String::new(),
            region: String::new(),
            secrets: Vec::new(),
            all_secrets: false,
            secret_scope: SecretScope::Listed,
            secret_prefix: String::new(),
            ec2_principal: true,
            source_conditions: false,
            kms_keys: Vec::new(),
            parameters: Vec::new(),
            task_role_policy: false,
            runtime_secrets: Vec::new(),
            staging_buckets: Vec::new(),
            task_role_name: crate::aws::partition::TASK_ROLE_NAME.to_owned(),
            existing_trust_policy: String::new(),
            execution_role_name: crate::aws::partition::EXECUTION_ROLE_NAME.to_owned(),
            existing_secrets_policy: String::new(),
            ecs_error: String::new(),
            platform: Platform::EcsFargate,
            eks_credentials: EksCredentials::Irsa,
            oidc_issuer: String::new(),
            kubernetes_namespace: crate::aws::eks::RUNNER_NAMESPACE.to_owned(),
            service_accounts: vec![crate::aws::eks::RUNNER_SERVICE_ACCOUNT.to_owned()],
            cluster_name: String::new(),
            runner_role_name: crate::aws::eks::RUNNER_ROLE_NAME.to_owned(),
            existing_runner_trust_policy: String::new(),
            eks_error: String::new(),
        }
    }
}

/// A flag whose value name is this takes a file's path (`-` for standard input) and reads
/// the field's text from the file: how a pasted policy reaches the CLI.
pub const FILE_VALUE: &str = "FILE";

/// How a field is entered, and so how every host reads and writes its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text: one line, or a pasted document.
    Text,
    /// Entries one per line or comma (the request holds them as a list).
    List,
    /// On or off: its text is `true` or `false`.
    Switch,
    /// One of a few choices: its text is the choice's id.
    Choice,
}

/// Where a field's value lives in a [`Request`], to read and to write. The kind follows
/// from it.
#[derive(Clone, Copy)]
pub enum Slot {
    /// A text field.
    Text(fn(&Request) -> &String, fn(&mut Request) -> &mut String),
    /// A list field.
    List(
        fn(&Request) -> &Vec<String>,
        fn(&mut Request) -> &mut Vec<String>,
    ),
    /// A switch.
    Switch(fn(&Request) -> &bool, fn(&mut Request) -> &mut bool),
    /// A choice: the secret scope, the platform, EKS's credentials.
    Choice(Choice),
}

/// A field whose text is one of a few ids.
#[derive(Clone, Copy)]
pub struct Choice {
    /// The choice's id in the request.
    pub get: fn(&Request) -> &'static str,
    /// Sets the choice by its id; false, changing nothing, for any other text.
    pub set: fn(&mut Request, &str) -> bool,
    /// Every id, in the order they are offered.
    pub ids: fn() -> Vec<&'static str>,
    /// The ids as a message lists them: "listed, prefix, region or all".
    pub takes: &'static str,
    /// The name of its type in the generated TypeScript declarations.
    pub type_name: &'static str,
}

/// `slot!(Text, account)`: the two accessors of one request field; `slot!(Choice, field,
/// Type)` a choice's.
macro_rules! slot {
    (Choice, $field:ident, $type:ident) => {
        Slot::Choice(Choice {
            get: |r| r.$field.id(),
            set: |r, id| match id.parse::<$type>() {
                Ok(value) => {
                    r.$field = value;
                    true
                }
                Err(_) => false,
            },
            ids: || $type::ALL.iter().map(|c| c.id()).collect(),
            takes: $type::TAKES,
            type_name: stringify!($type),
        })
    };
    ($kind:ident, $field:ident) => {
        Slot::$kind(|r| &r.$field, |r| &mut r.$field)
    };
}

/// One field of the form.
pub struct FieldDef {
    /// The field problems are tied to.
    pub field: Field,
    /// The request's JSON name, and the name of `mount()`'s option: `stagingBuckets`.
    pub name: &'static str,
    /// The CLI flag without its dashes. A list flag takes one entry (or several separated
    /// by commas) and may be repeated; a switch's flag sets it to the opposite of its
    /// default (`no-ec2-principal`).
    pub flag: &'static str,
    /// What the CLI's help calls the flag's value (`NAME_OR_ARN`); empty for switches.
    pub value_name: &'static str,
    /// The key in a share link: short, since links are pasted into chats.
    pub link: &'static str,
    /// Where the value lives in the request.
    pub slot: Slot,
    /// The control's label on the page.
    pub label: &'static str,
    /// The hint under the control.
    pub hint: &'static str,
    /// What the field is, in one line, for the CLI's `--help` and the generated types and
    /// tables. A switch's flag turns it from its default; its help says so.
    pub help: &'static str,
}

impl FieldDef {
    /// How the field is entered.
    pub fn kind(&self) -> Kind {
        match self.slot {
            Slot::Text(..) => Kind::Text,
            Slot::List(..) => Kind::List,
            Slot::Switch(..) => Kind::Switch,
            Slot::Choice(..) => Kind::Choice,
        }
    }

    /// The widget's attribute: `data-` and the name in kebab case (`data-staging-buckets`),
    /// which is how the browser's `dataset` turns it back into the name.
    pub fn attribute(&self) -> String {
        attribute_of(self.name)
    }

    /// The field's text in `request`, as a host writes it: a list one entry per line, a
    /// switch `true` or `false`, a choice by its id.
    pub fn text_of(&self, request: &Request) -> String {
        match self.slot {
            Slot::Text(get, _) => get(request).clone(),
            Slot::List(get, _) => get(request).join("\n"),
            Slot::Switch(get, _) => get(request).to_string(),
            Slot::Choice(choice) => (choice.get)(request).to_owned(),
        }
    }

    /// The field's text when nothing was typed: the request's default.
    pub fn default_text(&self) -> String {
        self.text_of(&Request::default())
    }

    /// Puts `text` into `request`. A switch reads `true`, `false` or nothing (a bare
    /// attribute or flag: on); a choice reads its id in any case. Text of neither is refused
    /// with what the field takes, and `request` is left as it was.
    pub fn set(&self, request: &mut Request, text: &str) -> Result<(), String> {
        match self.slot {
            Slot::Text(_, set) => *set(request) = text.to_owned(),
            Slot::List(_, set) => *set(request) = crate::input::split_secret_list(text),
            Slot::Switch(_, set) => *set(request) = parse_switch(text).ok_or(self.takes())?,
            Slot::Choice(choice) => {
                if !(choice.set)(request, &text.trim().to_ascii_lowercase()) {
                    return Err(self.takes().to_owned());
                }
            }
        }
        Ok(())
    }
}

impl FieldDef {
    /// The CLI's help line for the flag: the field's help, and for a switch that is on by
    /// default, that the flag turns it off.
    pub fn flag_help(&self) -> String {
        match self.kind() {
            Kind::Switch if self.default_text() == "true" => format!("turn off: {}", self.help),
            // A list with a default: the flag's entries replace it, not join it.
            Kind::List if !self.default_text().is_empty() => format!(
                "{} (repeatable; commas separate several; they replace the default)",
                self.help
            ),
            Kind::List => format!("{} (repeatable; commas separate several)", self.help),
            _ if self.value_name == FILE_VALUE => {
                format!("{} (read from a file; - for standard input)", self.help)
            }
            _ => self.help.to_owned(),
        }
    }

    /// What the field's text may be, for a message about text it refused.
    pub fn takes(&self) -> &'static str {
        match self.slot {
            Slot::Text(..) | Slot::List(..) => "any text",
            Slot::Switch(..) => "true or false",
            Slot::Choice(choice) => choice.takes,
        }
    }

    /// Whether [`FieldDef::set`] would take `text` (only switches and choices refuse any).
    pub fn accepts(&self, text: &str) -> bool {
        self.set(&mut Request::default(), text).is_ok()
    }

    /// A choice's ids, in the order they are offered; none for other kinds.
    pub fn choices(&self) -> Vec<&'static str> {
        match self.slot {
            Slot::Choice(choice) => (choice.ids)(),
            _ => Vec::new(),
        }
    }

    /// A choice's type name in the generated declarations.
    pub fn choice_type(&self) -> Option<&'static str> {
        match self.slot {
            Slot::Choice(choice) => Some(choice.type_name),
            _ => None,
        }
    }

    /// Like [`FieldDef::set`], but a list gains the entries instead of being replaced: how a
    /// repeated CLI flag reads.
    pub fn add(&self, request: &mut Request, text: &str) -> Result<(), String> {
        match self.slot {
            Slot::List(_, set) => {
                set(request).extend(crate::input::split_secret_list(text));
                Ok(())
            }
            _ => self.set(request, text),
        }
    }
}

/// The widget attribute for a setting's name: `data-` and the name in kebab case
/// (`stagingBuckets` → `data-staging-buckets`), the inverse of the browser's `dataset`.
pub fn attribute_of(name: &str) -> String {
    let mut out = String::from("data-");
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// `true` for nothing (a bare attribute), `true` or `false` in any case, else `None`.
pub fn parse_switch(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// Every form field, in the order the form shows them.
pub const FIELDS: &[FieldDef] = &[
    FieldDef {
        field: Field::Platform,
        name: "platform",
        flag: "platform",
        value_name: "PLATFORM",
        link: "platform",
        slot: slot!(Choice, platform, Platform),
        label: "Where does the agent run?",
        hint: "ECS Fargate: a task role and a task execution role. Amazon EKS: one role the runner's pods assume.",
        help: "where the agent runs: ecs-fargate (the task role and execution role) or eks (the runner role its pods assume)",
    },
    FieldDef {
        field: Field::EksError,
        name: "eksError",
        flag: "eks-error",
        value_name: FILE_VALUE,
        link: "ekserror",
        slot: slot!(Text, eks_error),
        label: "Runner pod can't get AWS credentials? Paste its error",
        hint: "kubectl logs on the runner's pod: copy the line with WebIdentityErr, InvalidIdentityToken, AccessDenied or Pod Identity's error. The builder reads the issuer, account, region and role from it and says what to fix.",
        help: "on EKS, the error a runner pod logged, as pasted: diagnosed, and empty fields taken from it",
    },
    FieldDef {
        field: Field::EcsError,
        name: "ecsError",
        flag: "ecs-error",
        value_name: FILE_VALUE,
        link: "error",
        slot: slot!(Text, ecs_error),
        label: "Task failed to start? Paste the error from the ECS console",
        hint: "ECS → your cluster → Tasks → Stopped → the task: copy its Stopped reason (ResourceInitializationError …). The builder reads the account, region, role and secret from it and says what to fix.",
        help: "the error a task stopped with, as pasted: diagnosed, and empty fields taken from it",
    },
    FieldDef {
        field: Field::Account,
        name: "account",
        flag: "account",
        value_name: "ID",
        link: "account",
        slot: slot!(Text, account),
        label: "AWS account ID",
        hint: "12 digits, from the account menu at the top right of the AWS console. Dashes and spaces are fine.",
        help: "the 12-digit AWS account ID (dashes and spaces are fine)",
    },
    FieldDef {
        field: Field::Region,
        name: "region",
        flag: "region",
        value_name: "CODE",
        link: "region",
        slot: slot!(Text, region),
        label: "Region",
        hint: "The region the agent runs in, such as eu-west-1. Type it or pick it from the list.",
        help: "the region the agent runs in, e.g. eu-west-1",
    },
    FieldDef {
        field: Field::EksCredentials,
        name: "eksCredentials",
        flag: "eks-credentials",
        value_name: "KIND",
        link: "eksauth",
        slot: slot!(Choice, eks_credentials, EksCredentials),
        label: "How do the runner's pods get AWS credentials?",
        hint: "IAM roles for service accounts (IRSA), as Matillion's EKS module sets up, works on Fargate and EC2 nodes. EKS Pod Identity needs the Pod Identity Agent add-on and does not run on Fargate.",
        help: "on EKS, how the runner's pods get credentials: irsa (IAM roles for service accounts) or pod-identity",
    },
    FieldDef {
        field: Field::OidcIssuer,
        name: "oidcIssuer",
        flag: "oidc-issuer",
        value_name: "URL_OR_ARN",
        link: "issuer",
        slot: slot!(Text, oidc_issuer),
        label: "The cluster's OpenID Connect provider URL",
        hint: "EKS console → Clusters → your cluster → Overview → Details: https://oidc.eks.<region>.amazonaws.com/id/<ID>. The IAM identity provider's ARN works too.",
        help: "on EKS with IRSA, the cluster's OpenID Connect provider URL (or the IAM OIDC provider's ARN)",
    },
    FieldDef {
        field: Field::KubernetesNamespace,
        name: "kubernetesNamespace",
        flag: "kubernetes-namespace",
        value_name: "NAME",
        link: "ns",
        slot: slot!(Text, kubernetes_namespace),
        label: "Kubernetes namespace",
        hint: "The namespace the runner's Helm chart is installed in (helm install … --namespace matillion).",
        help: "on EKS, the Kubernetes namespace the runner runs in",
    },
    FieldDef {
        field: Field::ServiceAccounts,
        name: "serviceAccounts",
        flag: "service-account",
        value_name: "NAME",
        link: "sa",
        slot: slot!(List, service_accounts),
        label: "Service accounts",
        hint: "One per line: the chart's matillion-runner-sa, and <release>-script-runner-sa when the script runner is enabled.",
        help: "on EKS, the runner's Kubernetes service accounts (default matillion-runner-sa)",
    },
    FieldDef {
        field: Field::ClusterName,
        name: "clusterName",
        flag: "cluster-name",
        value_name: "NAME",
        link: "cluster",
        slot: slot!(Text, cluster_name),
        label: "EKS cluster name",
        hint: "Optional: it fills in the commands, and with Pod Identity it limits the role to this cluster.",
        help: "on EKS, the cluster's name (the commands, and Pod Identity's cluster condition)",
    },
    FieldDef {
        field: Field::Secrets,
        name: "secrets",
        flag: "secret",
        value_name: "NAME_OR_ARN",
        link: "secrets",
        slot: slot!(List, secrets),
        label: "Secret names",
        hint: "One per line or separated by commas: names such as matillion/agent, full secret ARNs, or ECS valueFrom strings.",
        help: "secret names, ARNs or ECS valueFrom strings the execution role reads",
    },
    FieldDef {
        field: Field::SecretScope,
        name: "secretScope",
        flag: "secret-scope",
        value_name: "SCOPE",
        link: "scope",
        slot: slot!(Choice, secret_scope, SecretScope),
        label: "Which secrets may the execution role read?",
        hint: "The listed secrets (recommended), every secret under a name prefix, every secret in the region, or every secret.",
        help: "which secrets the execution role may read: listed, prefix, region or all",
    },
    FieldDef {
        field: Field::SecretPrefix,
        name: "secretPrefix",
        flag: "secret-prefix",
        value_name: "TEXT",
        link: "prefix",
        slot: slot!(Text, secret_prefix),
        label: "Secret name prefix",
        hint: "The start the agent's secret names share, such as matillion/ or prod/.",
        help: "the name prefix for the prefix scope, e.g. prod/",
    },
    FieldDef {
        field: Field::Ec2Principal,
        name: "ec2Principal",
        flag: "no-ec2-principal",
        value_name: "",
        link: "ec2",
        slot: slot!(Switch, ec2_principal),
        label: "Let EC2 assume the task role too",
        hint: "Matillion's docs include it; it is only needed when the same role is also an EC2 instance profile.",
        help: "let EC2 assume the task role too, as the Matillion docs do (needed only when the role is also an EC2 instance profile)",
    },
    FieldDef {
        field: Field::SourceConditions,
        name: "sourceConditions",
        flag: "source-conditions",
        value_name: "",
        link: "conditions",
        slot: slot!(Switch, source_conditions),
        label: "Only this account's ECS tasks may assume the task role",
        hint: "Adds aws:SourceAccount and aws:SourceArn conditions, as AWS recommends against the confused-deputy problem.",
        help: "only this account's ECS tasks may assume the task role (aws:SourceAccount and aws:SourceArn conditions)",
    },
    FieldDef {
        field: Field::KmsKeys,
        name: "kmsKeys",
        flag: "kms-key",
        value_name: "KEY",
        link: "kms",
        slot: slot!(List, kms_keys),
        label: "Customer managed KMS keys",
        hint: "Only when your secrets are encrypted with your own KMS key rather than aws/secretsmanager. Key IDs or key ARNs, one per line.",
        help: "customer managed KMS key IDs or ARNs that encrypt the secrets",
    },
    FieldDef {
        field: Field::Parameters,
        name: "parameters",
        flag: "parameter",
        value_name: "NAME",
        link: "parameters",
        slot: slot!(List, parameters),
        label: "Parameter Store parameters",
        hint: "Only when the task definition reads values from Parameter Store. Names or ARNs, one per line.",
        help: "Parameter Store names or ARNs the task definition references",
    },
    FieldDef {
        field: Field::TaskRolePolicy,
        name: "taskRolePolicy",
        flag: "task-role-policy",
        value_name: "",
        link: "task",
        slot: slot!(Switch, task_role_policy),
        label: "Also build the task role's permissions policy",
        hint: "From Matillion's current docs: list secrets, read the secrets pipelines use at run time, and use S3 staging buckets.",
        help: "also build the task role's permissions policy, from Matillion's current docs",
    },
    FieldDef {
        field: Field::RuntimeSecrets,
        name: "runtimeSecrets",
        flag: "runtime-secret",
        value_name: "NAME",
        link: "runtime",
        slot: slot!(List, runtime_secrets),
        label: "Secrets pipelines read at run time",
        hint: "Names or ARNs, one per line: credentials your pipelines fetch while they run.",
        help: "secrets pipelines read at run time (task role permissions policy)",
    },
    FieldDef {
        field: Field::StagingBuckets,
        name: "stagingBuckets",
        flag: "staging-bucket",
        value_name: "NAME",
        link: "buckets",
        slot: slot!(List, staging_buckets),
        label: "S3 staging buckets",
        hint: "Bucket names, s3:// URLs (a path limits object access to it) or ARNs, one per line.",
        help: "S3 staging buckets: names, s3:// URLs or ARNs (task role permissions policy)",
    },
    FieldDef {
        field: Field::TaskRoleName,
        name: "taskRoleName",
        flag: "task-role-name",
        value_name: "NAME",
        link: "taskrole",
        slot: slot!(Text, task_role_name),
        label: "Task role name",
        hint: "The role the running agent uses: your existing role's name, or the name the exports give a new one.",
        help: "the task role's name, used in console links, steps and exports",
    },
    FieldDef {
        field: Field::ExistingTrustPolicy,
        name: "existingTrustPolicy",
        flag: "existing-trust-policy",
        value_name: FILE_VALUE,
        link: "trust",
        slot: slot!(Text, existing_trust_policy),
        label: "The task role's current trust policy",
        hint: "IAM → Roles → your role → Trust relationships → Edit trust policy: copy the JSON and paste it here. The builder adds what the agent needs and removes nothing.",
        help: "the trust policy the task role already has, to merge into",
    },
    FieldDef {
        field: Field::RunnerRoleName,
        name: "runnerRoleName",
        flag: "runner-role-name",
        value_name: "NAME",
        link: "runnerrole",
        slot: slot!(Text, runner_role_name),
        label: "Runner role name",
        hint: "The role the runner's pods assume: your existing role's name, or the name the exports give a new one.",
        help: "on EKS, the runner role's name, used in links, steps, commands and exports",
    },
    FieldDef {
        field: Field::ExistingRunnerTrustPolicy,
        name: "existingRunnerTrustPolicy",
        flag: "existing-runner-trust-policy",
        value_name: FILE_VALUE,
        link: "runnertrust",
        slot: slot!(Text, existing_runner_trust_policy),
        label: "The runner role's current trust policy",
        hint: "IAM → Roles → your role → Trust relationships → Edit trust policy: copy the JSON and paste it here. The builder adds the runner's service accounts and removes nothing.",
        help: "on EKS, the trust policy the runner role already has, to merge into",
    },
    FieldDef {
        field: Field::ExecutionRoleName,
        name: "executionRoleName",
        flag: "execution-role-name",
        value_name: "NAME",
        link: "execrole",
        slot: slot!(Text, execution_role_name),
        label: "Task execution role name",
        hint: "The role ECS uses to start the task and read its secrets: the task definition's executionRoleArn.",
        help: "the task execution role's name, used in console links, steps and exports",
    },
    FieldDef {
        field: Field::ExistingSecretsPolicy,
        name: "existingSecretsPolicy",
        flag: "existing-secrets-policy",
        value_name: FILE_VALUE,
        link: "secretspolicy",
        slot: slot!(Text, existing_secrets_policy),
        label: "The execution role's current secrets policy",
        hint: "IAM → Roles → your execution role → Permissions → the inline policy → JSON: copy and paste it here. The builder says what it grants each secret and fixes it in place.",
        help: "the secrets policy the execution role already has, to check and fix",
    },
];

/// The row of `field`.
///
/// # Panics
///
/// For [`Field::Documents`], which is not a form field (problems about a document as a
/// whole use it); a test holds every other field to a row.
pub fn def(field: Field) -> &'static FieldDef {
    FIELDS
        .iter()
        .find(|def| def.field == field)
        .unwrap_or_else(|| panic!("{field:?} is not a form field"))
}

/// The row whose request name is `name`.
pub fn named(name: &str) -> Option<&'static FieldDef> {
    FIELDS.iter().find(|def| def.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_flag_and_link_key_is_unique() {
        for (i, a) in FIELDS.iter().enumerate() {
            for b in &FIELDS[i + 1..] {
                assert_ne!(a.field, b.field);
                assert_ne!(a.name, b.name);
                assert_ne!(a.flag, b.flag);
                assert_ne!(a.link, b.link);
            }
        }
    }

    #[test]
    fn every_field_but_the_documents_has_a_row() {
        use Field::*;
        for field in [
            Account,
            Region,
            Secrets,
            SecretScope,
            SecretPrefix,
            Ec2Principal,
            SourceConditions,
            KmsKeys,
            Parameters,
            TaskRolePolicy,
            RuntimeSecrets,
            StagingBuckets,
            Platform,
            EksCredentials,
            OidcIssuer,
            KubernetesNamespace,
            ServiceAccounts,
            ClusterName,
            RunnerRoleName,
            ExistingRunnerTrustPolicy,
            EksError,
        ] {
            assert_eq!(def(field).field, field);
        }
    }

    #[test]
    fn every_row_sets_and_reads_back_its_own_place_in_the_request() {
        for def in FIELDS {
            let text = match def.kind() {
                Kind::Text => "prod/",
                Kind::List => "a\nb",
                Kind::Switch => {
                    if def.default_text() == "true" {
                        "false"
                    } else {
                        "true"
                    }
                }
                Kind::Choice => def.choices().last().copied().unwrap_or_default(),
            };
            let mut request = Request::default();
            def.set(&mut request, text).expect("a value of its kind");
            assert_ne!(request, Request::default(), "{} changed nothing", def.name);
            assert_eq!(def.text_of(&request), text, "{}", def.name);
            // No other row sees the change.
            for other in FIELDS.iter().filter(|other| other.field != def.field) {
                assert_eq!(
                    other.text_of(&request),
                    other.default_text(),
                    "{}",
                    other.name
                );
            }
        }
    }

    #[test]
    fn the_request_names_are_the_json_names() {
        let json = serde_json::to_value(Request::default()).expect("serialises");
        for def in FIELDS {
            assert!(
                json.get(def.name).is_some(),
                "{} is not a request field",
                def.name
            );
        }
    }

    #[test]
    fn bad_switch_and_scope_text_is_refused_with_what_it_takes() {
        let mut request = Request::default();
        assert_eq!(
            def(Field::Ec2Principal).set(&mut request, "maybe"),
            Err("true or false".to_owned())
        );
        assert_eq!(
            def(Field::SecretScope).set(&mut request, "everything"),
            Err("listed, prefix, region or all".to_owned())
        );
        assert_eq!(request, Request::default());
        def(Field::SecretScope)
            .set(&mut request, " Prefix ")
            .expect("any case");
        assert_eq!(request.secret_scope, SecretScope::Prefix);
    }
}
