//! What every host sends: the form's fields as the user typed them, and the options.

use serde::{Deserialize, Serialize};

/// The input to [`crate::build`]. Every field may be missing; a missing or bad value
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
        }
    }
}

impl SecretScope {
    /// Every scope, narrowest first.
    pub const ALL: [SecretScope; 4] = [
        SecretScope::Listed,
        SecretScope::Prefix,
        SecretScope::Region,
        SecretScope::All,
    ];

    /// The name the request, the CLI, the widget and share links use.
    pub fn id(self) -> &'static str {
        match self {
            SecretScope::Listed => "listed",
            SecretScope::Prefix => "prefix",
            SecretScope::Region => "region",
            SecretScope::All => "all",
        }
    }
}

/// Reads a scope by its id (exactly; hosts lower-case what people type first).
impl std::str::FromStr for SecretScope {
    type Err = UnknownScope;

    fn from_str(text: &str) -> Result<Self, UnknownScope> {
        SecretScope::ALL
            .into_iter()
            .find(|scope| scope.id() == text)
            .ok_or_else(|| UnknownScope(text.to_owned()))
    }
}

/// A scope name that is not one of [`SecretScope::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScope(pub String);

impl std::fmt::Display for UnknownScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "“{}” is not a secret scope; use listed, prefix, region or all",
            self.0
        )
    }
}

/// Which secrets the execution role may read, narrowest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SecretScope {
    /// The secrets in `secrets`, each by its exact ARN pattern.
    #[default]
    Listed,
    /// Every secret whose name starts with `secretPrefix`.
    Prefix,
    /// Every secret in the region and account.
    Region,
    /// Every secret, every region (`"*"`).
    All,
}
