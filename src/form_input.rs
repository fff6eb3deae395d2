//! What the user typed, and nothing else: everything shown is derived from it.

use iam_policy_core::{Request, SecretScope, split_secret_list};

/// The form's raw values, one per control. List fields hold the text as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormInput {
    pub account: String,
    pub region: String,
    /// One secret per line or comma.
    pub secrets: String,
    pub secret_scope: SecretScope,
    pub secret_prefix: String,
    pub ec2_principal: bool,
    pub source_conditions: bool,
    pub kms_keys: String,
    pub parameters: String,
    pub task_role_policy: bool,
    pub runtime_secrets: String,
    pub staging_buckets: String,
}

impl Default for FormInput {
    /// The defaults of [`Request`]: Matillion's documented policies.
    fn default() -> Self {
        let request = Request::default();
        FormInput {
            account: request.account,
            region: request.region,
            secrets: String::new(),
            secret_scope: request.secret_scope,
            secret_prefix: request.secret_prefix,
            ec2_principal: request.ec2_principal,
            source_conditions: request.source_conditions,
            kms_keys: String::new(),
            parameters: String::new(),
            task_role_policy: request.task_role_policy,
            runtime_secrets: String::new(),
            staging_buckets: String::new(),
        }
    }
}

/// The list fields split into entries. Splitting is done once per change of a list,
/// not on every keystroke in another field (it was a tenth of a keystroke's work).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lists {
    pub secrets: Vec<String>,
    pub kms_keys: Vec<String>,
    pub parameters: Vec<String>,
    pub runtime_secrets: Vec<String>,
    pub staging_buckets: Vec<String>,
}

/// The raw text of the list fields: what [`Lists`] is split from.
pub type ListTexts = (String, String, String, String, String);

impl Lists {
    pub fn split(
        (secrets, kms_keys, parameters, runtime_secrets, staging_buckets): &ListTexts,
    ) -> Self {
        Lists {
            secrets: split_secret_list(secrets),
            kms_keys: split_secret_list(kms_keys),
            parameters: split_secret_list(parameters),
            runtime_secrets: split_secret_list(runtime_secrets),
            staging_buckets: split_secret_list(staging_buckets),
        }
    }
}

impl FormInput {
    /// The list fields' text, to split when it changes.
    pub fn list_texts(&self) -> ListTexts {
        (
            self.secrets.clone(),
            self.kms_keys.clone(),
            self.parameters.clone(),
            self.runtime_secrets.clone(),
            self.staging_buckets.clone(),
        )
    }

    /// The request the core builds from, with the list fields already split.
    pub fn to_request_with(&self, lists: &Lists) -> Request {
        Request {
            account: self.account.clone(),
            region: self.region.clone(),
            secrets: lists.secrets.clone(),
            all_secrets: false,
            secret_scope: self.secret_scope,
            secret_prefix: self.secret_prefix.clone(),
            ec2_principal: self.ec2_principal,
            source_conditions: self.source_conditions,
            kms_keys: lists.kms_keys.clone(),
            parameters: lists.parameters.clone(),
            task_role_policy: self.task_role_policy,
            runtime_secrets: lists.runtime_secrets.clone(),
            staging_buckets: lists.staging_buckets.clone(),
        }
    }
}
