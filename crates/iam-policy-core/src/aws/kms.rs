//! Customer managed KMS keys, by key ID or key ARN.

use crate::aws::account::AccountId;
use crate::aws::partition::Partition;
use crate::aws::region::Region;
use std::fmt;

/// A KMS key that encrypts secrets: its ID, and the partition, region and account of its
/// ARN when one was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KmsKey {
    /// A bare key ID, placed in the form's partition, region and account.
    Id(String),
    /// A full key ARN.
    Arn {
        /// The ARN's partition.
        partition: &'static Partition,
        /// The ARN's region.
        region: Region,
        /// The ARN's account.
        account: AccountId,
        /// The key ID.
        id: String,
    },
}

/// Why an entry is not a usable KMS key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KmsKeyError {
    /// Occurs when an alias (`alias/x` or an alias ARN) is given: IAM matches `kms:Decrypt`
    /// against the key's ARN, never its alias.
    Alias,
    /// Occurs when the AWS managed key `aws/secretsmanager` is named; it needs no grant.
    AwsManaged,
    /// Occurs when the text is neither a key ID nor a KMS key ARN.
    Invalid,
}

/// Messages follow the quoted entry, like secret errors.
impl fmt::Display for KmsKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KmsKeyError::Alias => "is an alias; IAM grants kms:Decrypt on the key's ARN, not on an alias. Copy the key ARN from KMS → Customer managed keys → the key.",
            KmsKeyError::AwsManaged => "is the AWS managed key, which Secrets Manager uses without any grant in this policy — remove it.",
            KmsKeyError::Invalid => "is not a KMS key ID (1234abcd-12ab-34cd-56ef-1234567890ab, or mrk-… for a multi-Region key) or key ARN (arn:aws:kms:eu-west-1:123456789012:key/…).",
        })
    }
}

impl KmsKey {
    /// Reads a key ID or key ARN.
    ///
    /// ```
    /// use iam_policy_core::aws::kms::{KmsKey, KmsKeyError};
    /// assert!(KmsKey::parse("1234abcd-12ab-34cd-56ef-1234567890ab").is_ok());
    /// assert_eq!(KmsKey::parse("alias/agent"), Err(KmsKeyError::Alias));
    /// ```
    pub fn parse(entry: &str) -> Result<KmsKey, KmsKeyError> {
        if entry.eq_ignore_ascii_case("aws/secretsmanager")
            || entry.ends_with("alias/aws/secretsmanager")
        {
            return Err(KmsKeyError::AwsManaged);
        }
        if entry.starts_with("alias/") {
            return Err(KmsKeyError::Alias);
        }
        let Some(rest) = entry.strip_prefix("arn:") else {
            return if is_key_id(entry) {
                Ok(KmsKey::Id(entry.to_owned()))
            } else {
                Err(KmsKeyError::Invalid)
            };
        };
        let fields: Vec<&str> = rest.split(':').collect();
        let [partition, "kms", region, account, resource] = fields[..] else {
            return Err(KmsKeyError::Invalid);
        };
        if resource.starts_with("alias/") {
            return Err(KmsKeyError::Alias);
        }
        let id = resource
            .strip_prefix("key/")
            .filter(|id| is_key_id(id))
            .ok_or(KmsKeyError::Invalid)?;
        let partition = Partition::by_id(partition).ok_or(KmsKeyError::Invalid)?;
        let region = Region::lookup(region).ok_or(KmsKeyError::Invalid)?;
        let account = AccountId::parse_digits(account).map_err(|_| KmsKeyError::Invalid)?;
        Ok(KmsKey::Arn {
            partition,
            region,
            account,
            id: id.to_owned(),
        })
    }

    /// The key's ARN; a bare ID takes the form's partition, region and account.
    pub fn arn(&self, place: &crate::aws::secret::Place<'_>) -> String {
        match self {
            KmsKey::Id(id) => [
                "arn:",
                place.partition,
                ":kms:",
                place.region,
                ":",
                place.account,
                ":key/",
                id,
            ]
            .concat(),
            KmsKey::Arn {
                partition,
                region,
                account,
                id,
            } => [
                "arn:",
                partition.id,
                ":kms:",
                region.code(),
                ":",
                account.as_str(),
                ":key/",
                id,
            ]
            .concat(),
        }
    }

    /// The partition the key's ARN names, when it names one.
    pub fn partition(&self) -> Option<&'static Partition> {
        match self {
            KmsKey::Id(_) => None,
            KmsKey::Arn { partition, .. } => Some(partition),
        }
    }
}

/// A UUID (`8-4-4-4-12` hex digits) or a multi-Region key ID (`mrk-` and 32 hex digits).
fn is_key_id(text: &str) -> bool {
    if let Some(hex) = text.strip_prefix("mrk-") {
        return hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(group, length)| {
            group.len() == length && group.bytes().all(|b| b.is_ascii_hexdigit())
        })
}
