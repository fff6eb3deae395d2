//! AWS account IDs as people paste them.

use crate::text::chars::describe;
use std::fmt;
use std::str::FromStr;

/// Exactly twelve ASCII digits. Kept as text: leading zeros are part of the ID.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(String);

/// What [`AccountId::parse`] changed beyond trimming, so the user can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountNote {
    /// Spaces or dashes between the digit groups were removed (`1234-5678-9012`).
    RemovedSeparators,
    /// The ID was taken from an ARN pasted into the field.
    TakenFromArn,
}

/// Why the account field is not a usable account ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountError {
    /// Occurs when the field is empty.
    Missing,
    /// Occurs when a template placeholder such as `<your-aws-account>` is left in.
    Placeholder,
    /// Occurs when the text has letters and no digits, like an account alias or name.
    Alias,
    /// Occurs when something other than a digit, space or dash is in the ID.
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// Its 1-based position in the trimmed text.
        position: usize,
    },
    /// Occurs when there are not exactly twelve digits.
    WrongLength {
        /// How many digits there were.
        digits: usize,
    },
}

impl fmt::Display for AccountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AccountError::Missing => f.write_str(
                "Enter your 12-digit AWS account ID — the console shows it in the account menu, top right.",
            ),
            AccountError::Placeholder => f.write_str(
                "Replace the placeholder with your 12-digit AWS account ID.",
            ),
            AccountError::Alias => f.write_str(
                "That looks like an account alias or name. ARNs need the 12-digit account ID — the console shows it in the account menu, top right.",
            ),
            AccountError::InvalidCharacter {
                character,
                position,
            } => write!(
                f,
                "Account ID may only contain digits — it has {} at position {position}.",
                describe(*character)
            ),
            AccountError::WrongLength { digits } => write!(
                f,
                "Account ID must be 12 digits — got {digits}."
            ),
        }
    }
}

impl AccountId {
    /// Reads an account ID as people paste it: `123456789012`, `1234-5678-9012`,
    /// `1234 5678 9012`, or an ARN that names the account.
    ///
    /// ```
    /// use iam_policy_core::aws::account::{AccountId, AccountNote};
    /// let (id, note) = AccountId::parse(" 0123-4567-8901 ").unwrap();
    /// assert_eq!(id.as_str(), "012345678901");
    /// assert_eq!(note, Some(AccountNote::RemovedSeparators));
    /// ```
    pub fn parse(input: &str) -> Result<(AccountId, Option<AccountNote>), AccountError> {
        let text = input.trim();
        if text.is_empty() {
            return Err(AccountError::Missing);
        }
        if let Some(account) = account_in_arn(text) {
            return AccountId::parse_digits(account)
                .map(|id| (id, Some(AccountNote::TakenFromArn)));
        }
        if text.starts_with('<') || text.starts_with('{') || text.starts_with("${") {
            return Err(AccountError::Placeholder);
        }
        // Letters and no digit at all. ASCII tests: other digits and letters are reported
        // character by character below, and Unicode's tables stay out of the page's wasm.
        if !text.bytes().any(|b| b.is_ascii_digit())
            && text.bytes().any(|b| b.is_ascii_alphabetic())
        {
            return Err(AccountError::Alias);
        }
        let mut digits = String::with_capacity(12);
        let mut separated = false;
        for (index, c) in text.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' => separated = true,
                _ => {
                    return Err(AccountError::InvalidCharacter {
                        character: c,
                        position: index + 1,
                    });
                }
            }
        }
        let id = AccountId::parse_digits(&digits)?;
        Ok((id, separated.then_some(AccountNote::RemovedSeparators)))
    }

    pub(crate) fn parse_digits(digits: &str) -> Result<AccountId, AccountError> {
        if let Some((index, c)) = digits
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii_digit())
        {
            return Err(AccountError::InvalidCharacter {
                character: c,
                position: index + 1,
            });
        }
        match digits.len() {
            12 => Ok(AccountId(digits.to_owned())),
            digits => Err(AccountError::WrongLength { digits }),
        }
    }

    /// The twelve digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `arn:aws:iam::123456789012:role/x` → `123456789012`.
fn account_in_arn(text: &str) -> Option<&str> {
    let mut fields = text.strip_prefix("arn:")?.split(':');
    fields.nth(3).filter(|account| !account.is_empty())
}

impl FromStr for AccountId {
    type Err = AccountError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        AccountId::parse(s).map(|(id, _)| id)
    }
}

impl fmt::Display for AccountId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
