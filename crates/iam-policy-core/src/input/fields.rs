//! Every form field, defined once: its request name, CLI flag, widget attribute,
//! share-link key, kind, label and hints. Every host reads and writes fields by looping
//! over [`FIELDS`] — the CLI's flags and `--help`, the widget's attributes and `mount()`
//! options, the share link, the page's form, the fuzzer's requests, and the generated
//! TypeScript types and README tables. A new field is one entry of the table at the end
//! of this file — which declares its [`Field`] variant, its member of [`Request`] and its
//! row together — plus its rule in the form reader and its place in the page's layout.
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

use crate::aws::eks::{RUNNER_NAMESPACE, RUNNER_ROLE_NAME, RUNNER_SERVICE_ACCOUNT};
use crate::aws::partition::{EXECUTION_ROLE_NAME, TASK_ROLE_NAME};
use crate::input::request::{EksCredentials, Platform, SecretScope};
use crate::model::DocumentId;
use crate::model::shape::{Member, Shape};
use serde::{Deserialize, Serialize};

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
    /// Its member of [`Request`] in Rust: `staging_buckets`.
    pub member: &'static str,
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

/// A field's type in [`Request`], from its kind.
macro_rules! member_type {
    (Text) => { String };
    (List) => { Vec<String> };
    (Switch) => { bool };
    (Choice($type:ident)) => { $type };
}

/// A field's value in `Request::default()`: the row's `default`, else its type's (empty
/// text, no entries, off, a choice's first id).
macro_rules! default_value {
    ($default:expr) => {
        $default
    };
    () => {
        Default::default()
    };
}

/// A row's `ecs_document` or `eks_document`: `None`, or a document's variant.
macro_rules! document_of {
    (None) => {
        None
    };
    ($document:ident) => {
        Some(DocumentId::$document)
    };
}

/// Declares every form field once. Each entry — `Variant member: Kind` and its row — is
/// the field's [`Field`] variant, its member of [`Request`] (its type follows from the
/// kind, its serde name is the row's `name`, its default is the row's `default` or the
/// type's), its row of [`FIELDS`], and the documents its entries end up in
/// ([`Field::document`]). The entries' order is the form's, so the rows', the generated
/// types', the CLI's `--help` and the request's JSON.
///
/// Two things are not entries, and the macro's body writes them: [`Field::Documents`],
/// which problems about a generated document as a whole are tied to (it is no form
/// field, so it has no row and no place in the request), and `Request::all_secrets`,
/// older requests' spelling of `secretScope: "all"`, which is read but is no field of the
/// form (no host offers it, and it is only written when set).
macro_rules! fields {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident $member:ident: $kind:ident $(($choice:ident))? {
            name: $name:literal,
            flag: $flag:literal,
            value_name: $value_name:expr,
            link: $link:literal,
            $(default: $default:expr,)?
            ecs_document: $ecs:ident,
            eks_document: $eks:ident,
            label: $label:literal,
            hint: $hint:literal,
            help: $help:literal $(,)?
        }
    )*) => {
        /// The request field a problem belongs to; the page shows the problem next to it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "camelCase")]
        pub enum Field {
            $($(#[doc = $doc])* #[serde(rename = $name)] $variant,)*
            /// A generated document as a whole (its size, its shape).
            Documents,
        }

        impl Field {
            /// The document this field's entries end up in, if one: a problem about what
            /// that document grants is shown on its card too, whatever controls a host
            /// shows.
            pub fn document(self, platform: Platform) -> Option<DocumentId> {
                match (self, platform) {
                    $(
                        (Field::$variant, Platform::EcsFargate) => document_of!($ecs),
                        (Field::$variant, Platform::Eks) => document_of!($eks),
                    )*
                    (Field::Documents, _) => None,
                }
            }
        }

        /// The input to [`crate::build()`]. Every field may be missing; a missing or bad
        /// value becomes a problem in the response, never a failure. The defaults
        /// reproduce the Matillion agent documentation.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase", default, deny_unknown_fields)]
        pub struct Request {
            $(
                $(#[doc = $doc])*
                #[serde(rename = $name)]
                pub $member: member_type!($kind $(($choice))?),
            )*
            /// Older requests' and links' spelling of `secretScope: "all"`, still read.
            /// Nothing else uses it: the form, the page and the problems know only the
            /// scope.
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            pub all_secrets: bool,
        }

        impl Default for Request {
            fn default() -> Self {
                Request {
                    $($member: default_value!($($default)?),)*
                    all_secrets: false,
                }
            }
        }

        /// Every form field, in the order the form shows them.
        pub const FIELDS: &[FieldDef] = &[$(
            FieldDef {
                field: Field::$variant,
                name: $name,
                member: stringify!($member),
                flag: $flag,
                value_name: $value_name,
                link: $link,
                slot: slot!($kind, $member $(, $choice)?),
                label: $label,
                hint: $hint,
                help: $help,
            },
        )*];
    };
}

fields! {
    /// Where the agent runs: ECS Fargate (the default; the three ECS documents) or Amazon
    /// EKS (the runner role's trust and permissions policies).
    Platform platform: Choice(Platform) {
        name: "platform",
        flag: "platform",
        value_name: "PLATFORM",
        link: "platform",
        ecs_document: None,
        eks_document: None,
        label: "Where does the agent run?",
        hint: "ECS Fargate: a task role and a task execution role. Amazon EKS: one role the runner's pods assume.",
        help: "where the agent runs: ecs-fargate (the task role and execution role) or eks (the runner role its pods assume)",
    }
    /// The error a runner pod logged, as pasted: the response has its diagnosis, and the
    /// fields left empty are taken from it.
    EksError eks_error: Text {
        name: "eksError",
        flag: "eks-error",
        value_name: FILE_VALUE,
        link: "ekserror",
        ecs_document: None,
        eks_document: None,
        label: "Runner pod can't get AWS credentials? Paste its error",
        hint: "kubectl logs on the runner's pod: copy the line with WebIdentityErr, InvalidIdentityToken, AccessDenied or Pod Identity's error. The builder reads the issuer, account, region and role from it and says what to fix.",
        help: "on EKS, the error a runner pod logged, as pasted: diagnosed, and empty fields taken from it",
    }
    /// The error a task stopped with, as pasted from the ECS console: the response has its
    /// diagnosis, and the fields left empty are taken from it.
    EcsError ecs_error: Text {
        name: "ecsError",
        flag: "ecs-error",
        value_name: FILE_VALUE,
        link: "error",
        ecs_document: None,
        eks_document: None,
        label: "Task failed to start? Paste the error from the ECS console",
        hint: "ECS → your cluster → Tasks → Stopped → the task: copy its Stopped reason (ResourceInitializationError …). The builder reads the account, region, role and secret from it and says what to fix.",
        help: "the error a task stopped with, as pasted: diagnosed, and empty fields taken from it",
    }
    /// The 12-digit AWS account ID, as typed (`1234-5678-9012` is fine).
    Account account: Text {
        name: "account",
        flag: "account",
        value_name: "ID",
        link: "account",
        ecs_document: None,
        eks_document: None,
        label: "AWS account ID",
        hint: "12 digits, from the account menu at the top right of the AWS console. Dashes and spaces are fine.",
        help: "the 12-digit AWS account ID (dashes and spaces are fine)",
    }
    /// The region code, e.g. `eu-west-1`.
    Region region: Text {
        name: "region",
        flag: "region",
        value_name: "CODE",
        link: "region",
        ecs_document: None,
        eks_document: None,
        label: "Region",
        hint: "The region the agent runs in, such as eu-west-1. Type it or pick it from the list.",
        help: "the region the agent runs in, e.g. eu-west-1",
    }
    /// On EKS, how the runner's pods get credentials: IRSA (the default) or Pod Identity.
    EksCredentials eks_credentials: Choice(EksCredentials) {
        name: "eksCredentials",
        flag: "eks-credentials",
        value_name: "KIND",
        link: "eksauth",
        ecs_document: None,
        eks_document: RunnerRoleTrustPolicy,
        label: "How do the runner's pods get AWS credentials?",
        hint: "IAM roles for service accounts (IRSA), as Matillion's EKS module sets up, works on Fargate and EC2 nodes. EKS Pod Identity needs the Pod Identity Agent add-on and does not run on Fargate.",
        help: "on EKS, how the runner's pods get credentials: irsa (IAM roles for service accounts) or pod-identity",
    }
    /// The cluster's OpenID Connect provider URL as the EKS console shows it (also without
    /// `https://`, with a trailing slash, or as the IAM OIDC provider's ARN).
    OidcIssuer oidc_issuer: Text {
        name: "oidcIssuer",
        flag: "oidc-issuer",
        value_name: "URL_OR_ARN",
        link: "issuer",
        ecs_document: None,
        eks_document: RunnerRoleTrustPolicy,
        label: "The cluster's OpenID Connect provider URL",
        hint: "EKS console → Clusters → your cluster → Overview → Details: https://oidc.eks.<region>.amazonaws.com/id/<ID>. The IAM identity provider's ARN works too.",
        help: "on EKS with IRSA, the cluster's OpenID Connect provider URL (or the IAM OIDC provider's ARN)",
    }
    /// The Kubernetes namespace the runner is installed in.
    KubernetesNamespace kubernetes_namespace: Text {
        name: "kubernetesNamespace",
        flag: "kubernetes-namespace",
        value_name: "NAME",
        link: "ns",
        default: RUNNER_NAMESPACE.to_owned(),
        ecs_document: None,
        eks_document: RunnerRoleTrustPolicy,
        label: "Kubernetes namespace",
        hint: "The namespace the runner's Helm chart is installed in (helm install … --namespace matillion).",
        help: "on EKS, the Kubernetes namespace the runner runs in",
    }
    /// The runner's service accounts, in that namespace.
    ServiceAccounts service_accounts: List {
        name: "serviceAccounts",
        flag: "service-account",
        value_name: "NAME",
        link: "sa",
        default: vec![RUNNER_SERVICE_ACCOUNT.to_owned()],
        ecs_document: None,
        eks_document: RunnerRoleTrustPolicy,
        label: "Service accounts",
        hint: "One per line: the chart's matillion-runner-sa, and <release>-script-runner-sa when the script runner is enabled.",
        help: "on EKS, the runner's Kubernetes service accounts (default matillion-runner-sa)",
    }
    /// The EKS cluster's name: Pod Identity's association and trust condition, and the
    /// eksctl step.
    ClusterName cluster_name: Text {
        name: "clusterName",
        flag: "cluster-name",
        value_name: "NAME",
        link: "cluster",
        ecs_document: None,
        eks_document: RunnerRoleTrustPolicy,
        label: "EKS cluster name",
        hint: "Optional: it fills in the commands, and with Pod Identity it limits the role to this cluster.",
        help: "on EKS, the cluster's name (the commands, and Pod Identity's cluster condition)",
    }
    /// Secret names, ARNs or ECS `valueFrom` strings, one per entry.
    Secrets secrets: List {
        name: "secrets",
        flag: "secret",
        value_name: "NAME_OR_ARN",
        link: "secrets",
        ecs_document: ExecutionRoleSecretsPolicy,
        eks_document: RunnerRolePermissionsPolicy,
        label: "Secret names",
        hint: "One per line or separated by commas: names such as matillion/agent, full secret ARNs, or ECS valueFrom strings.",
        help: "secret names, ARNs or ECS valueFrom strings the execution role reads",
    }
    /// Which secrets the execution role may read.
    SecretScope secret_scope: Choice(SecretScope) {
        name: "secretScope",
        flag: "secret-scope",
        value_name: "SCOPE",
        link: "scope",
        ecs_document: ExecutionRoleSecretsPolicy,
        eks_document: RunnerRolePermissionsPolicy,
        label: "Which secrets may the execution role read?",
        hint: "The listed secrets (recommended), every secret under a name prefix, every secret in the region, or every secret.",
        help: "which secrets the execution role may read: listed, prefix, region or all",
    }
    /// The name prefix for `secretScope: "prefix"`, e.g. `prod/`.
    SecretPrefix secret_prefix: Text {
        name: "secretPrefix",
        flag: "secret-prefix",
        value_name: "TEXT",
        link: "prefix",
        ecs_document: ExecutionRoleSecretsPolicy,
        eks_document: RunnerRolePermissionsPolicy,
        label: "Secret name prefix",
        hint: "The start the agent's secret names share, such as matillion/ or prod/.",
        help: "the name prefix for the prefix scope, e.g. prod/",
    }
    /// Let EC2 assume the task role too, as the Matillion docs do. Only needed when the role
    /// doubles as an EC2 instance profile.
    Ec2Principal ec2_principal: Switch {
        name: "ec2Principal",
        flag: "no-ec2-principal",
        value_name: "",
        link: "ec2",
        default: true,
        ecs_document: TaskRoleTrustPolicy,
        eks_document: None,
        label: "Let EC2 assume the task role too",
        hint: "Matillion's docs include it; it is only needed when the same role is also an EC2 instance profile.",
        help: "let EC2 assume the task role too, as the Matillion docs do (needed only when the role is also an EC2 instance profile)",
    }
    /// Confused-deputy protection: only ECS tasks of this account and region may assume
    /// the task role.
    SourceConditions source_conditions: Switch {
        name: "sourceConditions",
        flag: "source-conditions",
        value_name: "",
        link: "conditions",
        ecs_document: TaskRoleTrustPolicy,
        eks_document: None,
        label: "Only this account's ECS tasks may assume the task role",
        hint: "Adds aws:SourceAccount and aws:SourceArn conditions, as AWS recommends against the confused-deputy problem.",
        help: "only this account's ECS tasks may assume the task role (aws:SourceAccount and aws:SourceArn conditions)",
    }
    /// Customer managed KMS keys (ARNs or key IDs) that encrypt the secrets.
    KmsKeys kms_keys: List {
        name: "kmsKeys",
        flag: "kms-key",
        value_name: "KEY",
        link: "kms",
        ecs_document: ExecutionRoleSecretsPolicy,
        eks_document: RunnerRolePermissionsPolicy,
        label: "Customer managed KMS keys",
        hint: "Only when your secrets are encrypted with your own KMS key rather than aws/secretsmanager. Key IDs or key ARNs, one per line.",
        help: "customer managed KMS key IDs or ARNs that encrypt the secrets",
    }
    /// Parameter Store parameters (names or ARNs) the task definition references.
    Parameters parameters: List {
        name: "parameters",
        flag: "parameter",
        value_name: "NAME",
        link: "parameters",
        ecs_document: ExecutionRoleSecretsPolicy,
        eks_document: None,
        label: "Parameter Store parameters",
        hint: "Only when the task definition reads values from Parameter Store. Names or ARNs, one per line.",
        help: "Parameter Store names or ARNs the task definition references",
    }
    /// Also build the task role's permissions policy from Matillion's current docs.
    TaskRolePolicy task_role_policy: Switch {
        name: "taskRolePolicy",
        flag: "task-role-policy",
        value_name: "",
        link: "task",
        ecs_document: TaskRolePermissionsPolicy,
        eks_document: None,
        label: "Also build the task role's permissions policy",
        hint: "From Matillion's current docs: list secrets, read the secrets pipelines use at run time, and use S3 staging buckets.",
        help: "also build the task role's permissions policy, from Matillion's current docs",
    }
    /// Secrets pipelines read at run time (task role permissions policy).
    RuntimeSecrets runtime_secrets: List {
        name: "runtimeSecrets",
        flag: "runtime-secret",
        value_name: "NAME",
        link: "runtime",
        ecs_document: TaskRolePermissionsPolicy,
        eks_document: RunnerRolePermissionsPolicy,
        label: "Secrets pipelines read at run time",
        hint: "Names or ARNs, one per line: credentials your pipelines fetch while they run.",
        help: "secrets pipelines read at run time (task role permissions policy)",
    }
    /// S3 staging buckets (names, `s3://` URLs or ARNs) for the task role.
    StagingBuckets staging_buckets: List {
        name: "stagingBuckets",
        flag: "staging-bucket",
        value_name: "NAME",
        link: "buckets",
        ecs_document: TaskRolePermissionsPolicy,
        eks_document: RunnerRolePermissionsPolicy,
        label: "S3 staging buckets",
        hint: "Bucket names, s3:// URLs (a path limits object access to it) or ARNs, one per line.",
        help: "S3 staging buckets: names, s3:// URLs or ARNs (task role permissions policy)",
    }
    /// The task role's name: the existing role's, or the one the exports create.
    TaskRoleName task_role_name: Text {
        name: "taskRoleName",
        flag: "task-role-name",
        value_name: "NAME",
        link: "taskrole",
        default: TASK_ROLE_NAME.to_owned(),
        ecs_document: None,
        eks_document: None,
        label: "Task role name",
        hint: "The role the running agent uses: your existing role's name, or the name the exports give a new one.",
        help: "the task role's name, used in console links, steps and exports",
    }
    /// The trust policy the task role already has, as copied from the console's editor;
    /// blank for a new role. The trust document is then this policy with what the agent
    /// needs added.
    ExistingTrustPolicy existing_trust_policy: Text {
        name: "existingTrustPolicy",
        flag: "existing-trust-policy",
        value_name: FILE_VALUE,
        link: "trust",
        ecs_document: TaskRoleTrustPolicy,
        eks_document: None,
        label: "The task role's current trust policy",
        hint: "IAM → Roles → your role → Trust relationships → Edit trust policy: copy the JSON and paste it here. The builder adds what the agent needs and removes nothing.",
        help: "the trust policy the task role already has, to merge into",
    }
    /// The EKS runner role's name: the existing role's, or the one the exports create.
    RunnerRoleName runner_role_name: Text {
        name: "runnerRoleName",
        flag: "runner-role-name",
        value_name: "NAME",
        link: "runnerrole",
        default: RUNNER_ROLE_NAME.to_owned(),
        ecs_document: None,
        eks_document: None,
        label: "Runner role name",
        hint: "The role the runner's pods assume: your existing role's name, or the name the exports give a new one.",
        help: "on EKS, the runner role's name, used in links, steps, commands and exports",
    }
    /// The trust policy the runner role already has; blank for a new role.
    ExistingRunnerTrustPolicy existing_runner_trust_policy: Text {
        name: "existingRunnerTrustPolicy",
        flag: "existing-runner-trust-policy",
        value_name: FILE_VALUE,
        link: "runnertrust",
        ecs_document: None,
        eks_document: RunnerRoleTrustPolicy,
        label: "The runner role's current trust policy",
        hint: "IAM → Roles → your role → Trust relationships → Edit trust policy: copy the JSON and paste it here. The builder adds the runner's service accounts and removes nothing.",
        help: "on EKS, the trust policy the runner role already has, to merge into",
    }
    /// The task execution role's name.
    ExecutionRoleName execution_role_name: Text {
        name: "executionRoleName",
        flag: "execution-role-name",
        value_name: "NAME",
        link: "execrole",
        default: EXECUTION_ROLE_NAME.to_owned(),
        ecs_document: None,
        eks_document: None,
        label: "Task execution role name",
        hint: "The role ECS uses to start the task and read its secrets: the task definition's executionRoleArn.",
        help: "the task execution role's name, used in console links, steps and exports",
    }
    /// The secrets policy the execution role already has, as copied from the console;
    /// blank for a new policy. The secrets document is then this policy, fixed.
    ExistingSecretsPolicy existing_secrets_policy: Text {
        name: "existingSecretsPolicy",
        flag: "existing-secrets-policy",
        value_name: FILE_VALUE,
        link: "secretspolicy",
        ecs_document: ExecutionRoleSecretsPolicy,
        eks_document: None,
        label: "The execution role's current secrets policy",
        hint: "IAM → Roles → your execution role → Permissions → the inline policy → JSON: copy and paste it here. The builder says what it grants each secret and fixes it in place.",
        help: "the secrets policy the execution role already has, to check and fix",
    }
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

/// The row of `field`.
///
/// # Panics
///
/// For [`Field::Documents`], which is not a form field (problems about a document as a
/// whole use it); every other field has a row, since its entry declares both.
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
    fn the_request_is_written_with_the_rows_names_and_nothing_else() {
        let json = serde_json::to_value(Request::default()).expect("serialises");
        let written: Vec<&str> = json
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut names: Vec<&str> = FIELDS.iter().map(|def| def.name).collect();
        names.sort_unstable();
        // serde_json's map is sorted; the legacy allSecrets is left out while false.
        assert_eq!(written, names);
        let legacy: Request = serde_json::from_str(r#"{"allSecrets": true}"#).expect("still read");
        assert!(legacy.all_secrets);
        let json = serde_json::to_value(legacy).expect("serialises");
        assert_eq!(json["allSecrets"], true);
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
