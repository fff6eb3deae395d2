//! What every host sends: [`Request`] (defined beside the field table, in
//! [`crate::input::fields`], so a field's place in it and its row are one edit), and the choices
//! it holds.

pub use crate::input::fields::Request;
use serde::{Deserialize, Serialize};

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
