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

impl FormInput {
    /// The request the core builds from.
    pub fn to_request(&self) -> Request {
        Request {
            account: self.account.clone(),
            region: self.region.clone(),
            secrets: split_secret_list(&self.secrets),
            all_secrets: false,
            secret_scope: self.secret_scope,
            secret_prefix: self.secret_prefix.clone(),
            ec2_principal: self.ec2_principal,
            source_conditions: self.source_conditions,
            kms_keys: split_secret_list(&self.kms_keys),
            parameters: split_secret_list(&self.parameters),
            task_role_policy: self.task_role_policy,
            runtime_secrets: split_secret_list(&self.runtime_secrets),
            staging_buckets: split_secret_list(&self.staging_buckets),
        }
    }
}
