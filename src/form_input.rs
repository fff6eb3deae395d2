//! What the user typed, and nothing else: everything shown is derived from it.

use iam_policy_core::{Request, split_secret_list};

/// The form's raw text, one field per input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormInput {
    /// The account field.
    pub account: String,
    /// The region field.
    pub region: String,
    /// The secrets text area: one entry per line or comma.
    pub secrets: String,
    /// The "every secret" checkbox.
    pub all_secrets: bool,
}

impl FormInput {
    /// The request the core builds from.
    pub fn to_request(&self) -> Request {
        Request {
            account: self.account.clone(),
            region: self.region.clone(),
            secrets: split_secret_list(&self.secrets),
            all_secrets: self.all_secrets,
        }
    }
}
