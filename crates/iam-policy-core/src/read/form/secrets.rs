//! The secret scope and secret lists (the execution role's, and the task role's run-time one).

use super::lists::{Entries, Finding, read_list};
use super::quote;
use crate::aws::account::AccountId;
use crate::aws::region::Region;
use crate::aws::secret::{Place, Resources, SecretError, SecretName, SecretNote, SecretRef};
use crate::input::problem::{Code, Field, FieldValue, Fix, Problem};
use crate::input::request::{Request, SecretScope};
use crate::text::glob::first_wildcard;

/// The scope as the documents use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope<'a> {
    Listed,
    /// `None` while the prefix is missing or invalid.
    Prefix(Option<SecretName<'a>>),
    Region,
    All,
}

/// `role` is the role the scope is for, as a sentence starts with it: "The execution role"
/// (ECS), "The runner role" (EKS).
pub(crate) fn read_scope<'a>(
    request: &'a Request,
    role: &str,
    problems: &mut Vec<Problem>,
) -> Scope<'a> {
    // Older requests' `allSecrets: true` is the widest scope; it wins.
    let scope = if request.all_secrets {
        SecretScope::All
    } else {
        request.secret_scope
    };
    let scope = match scope {
        SecretScope::Listed => return Scope::Listed,
        SecretScope::Prefix => read_prefix(&request.secret_prefix, role, problems),
        SecretScope::Region => {
            problems.push(Problem::new(
                Field::SecretScope,
                Code::SecretScopeRegion,
                format!("{role} can read every secret in this region and account, including secrets created later. List the agent's secrets, or use a name prefix, unless you need that."),
            ));
            Scope::Region
        }
        SecretScope::All => {
            problems.push(Problem::new(
                Field::SecretScope,
                Code::SecretsAll,
                format!("{role} can read every secret in every region of the account (\"Resource\": \"*\"). List the agent's secrets instead unless you really need that."),
            ));
            Scope::All
        }
    };
    if request.secrets.iter().any(|s| !s.trim().is_empty()) {
        problems.push(Problem::new(
            Field::Secrets,
            Code::SecretsIgnored,
            "The secret list is not used while a broader scope is chosen; your entries are kept for when you switch back.",
        ));
    }
    scope
}

fn read_prefix<'a>(text: &'a str, role: &str, problems: &mut Vec<Problem>) -> Scope<'a> {
    let prefix = text.trim();
    let prefix = prefix.strip_suffix('*').unwrap_or(prefix);
    if prefix.is_empty() {
        problems.push(Problem::new(
            Field::SecretPrefix,
            Code::SecretPrefixMissing,
            "Enter the name prefix the agent's secrets share, such as matillion/ or prod/.",
        ));
        return Scope::Prefix(None);
    }
    // The scope adds the `*` itself; a wildcard inside the prefix would widen it unseen.
    let parsed = SecretName::parse(prefix).and_then(|name| match first_wildcard(prefix) {
        // SecretName::parse has checked the prefix is ASCII: the byte index is the position.
        Some(index) => Err(SecretError::InvalidCharacter {
            character: char::from(prefix.as_bytes()[index]),
            position: index + 1,
        }),
        None => Ok(name),
    });
    match parsed {
        Ok(name) => {
            problems.push(Problem::new(
                Field::SecretScope,
                Code::SecretScopePrefix,
                format!(
                    "{role} can read every secret whose name starts with “{prefix}”, including secrets created later."
                ),
            ));
            Scope::Prefix(Some(name))
        }
        Err(error) => {
            problems.push(Problem::new(
                Field::SecretPrefix,
                Code::SecretPrefixInvalid,
                format!("The prefix {} {error}", quote(prefix)),
            ));
            Scope::Prefix(None)
        }
    }
}

/// Reads a list of secret entries, checking ARNs against the form's account and region.
/// Each entry's key is its resource ARN at `place`, the form's own.
pub(crate) fn read_secrets<'a>(
    entries: &'a [String],
    field: Field,
    place: &Place,
    account: Option<&AccountId>,
    region: Option<Region>,
    problems: &mut Vec<Problem>,
) -> Entries<SecretRef<'a>> {
    let resources = Resources::new(place);
    read_list(
        entries,
        field,
        problems,
        |entry| parse_secret(entry, account, region),
        |secret| resources.of(secret),
    )
}

fn parse_secret<'a>(
    entry: &'a str,
    account: Option<&AccountId>,
    region: Option<Region>,
) -> Result<(SecretRef<'a>, Vec<Finding>), Finding> {
    let (secret, notes) = SecretRef::parse(entry).map_err(|error| {
        Finding::new(
            secret_error_code(&error),
            format!("{} {error}", quote(entry)),
        )
    })?;
    let mut findings: Vec<Finding> = notes.iter().map(|note| note_finding(note, entry)).collect();
    if let (SecretRef::Arn(arn), Some(region)) = (&secret, region) {
        if arn.partition != region.partition() {
            return Err(Finding::new(
                Code::SecretOtherPartition,
                format!(
                    "{} is in partition {} ({}), but {} is in {} — one role cannot read secrets across partitions. Check the region or the ARN.",
                    quote(entry),
                    arn.partition.id,
                    arn.partition.name,
                    region.code(),
                    region.partition().id
                ),
            ));
        }
        if arn.region != region {
            findings.push(Finding::new(
                Code::SecretOtherRegion,
                format!(
                    "{} is in {}, not {}. That works when the secret really lives there — ECS reads it by its full ARN.",
                    quote(entry), arn.region.code(), region.code()
                ),
            ));
        }
    }
    if let (SecretRef::Arn(arn), Some(account)) = (&secret, account)
        && &arn.account != account
    {
        findings.push(Finding::new(
            Code::SecretOtherAccount,
            format!(
                "{} belongs to account {}, not {account}. Reading another account's secret also needs a resource policy on the secret and a customer managed KMS key shared with this account.",
                quote(entry), arn.account
            ),
        ));
    }
    Ok((secret, findings))
}

fn note_finding(note: &SecretNote, entry: &str) -> Finding {
    let (code, message) = match note {
        SecretNote::RemovedValueFromTail(tail) => (
            Code::SecretValueFromTail,
            format!(
                "{} is an ECS valueFrom: removed “{tail}” (JSON key, version stage, version id) — IAM grants on the secret's own ARN.",
                quote(entry)
            ),
        ),
        SecretNote::CompletedPartialArn => (
            Code::SecretPartialArn,
            format!(
                "{} has no six-character suffix, so the policy adds -?????? — without it the ARN would match no secret.",
                quote(entry)
            ),
        ),
        SecretNote::NameLooksSuffixed => (
            Code::SecretNameLooksSuffixed,
            format!(
                "{} ends like the six random characters AWS adds to secret ARNs. It is treated as a name, so the policy allows “{entry}-??????”. If those six characters are the suffix, paste the secret's full ARN instead.",
                quote(entry)
            ),
        ),
        SecretNote::SuffixLooksLikeWord => (
            Code::SecretSuffixLooksLikeWord,
            format!(
                "{} is taken as a complete ARN whose last six characters are AWS's random suffix. If they are part of the secret's name, enter the name instead and the builder adds -??????.",
                quote(entry)
            ),
        ),
        SecretNote::Wildcard => (Code::SecretWildcard, wildcard_message(entry)),
        SecretNote::TrailingDash => (
            Code::SecretTrailingDash,
            format!(
                "{} ends in a dash, so the policy allows {} with two dashes. Secret names rarely end in one: check that the name was not cut short when it was copied.",
                quote(entry),
                quote(&format!("{entry}-??????"))
            ),
        ),
    };
    Finding::new(code, message)
}

pub(crate) fn wildcard_message(entry: &str) -> String {
    let name = entry.rsplit(":secret:").next().unwrap_or(entry);
    match name.strip_suffix('*') {
        Some(prefix) if first_wildcard(prefix).is_none() => format!(
            "{} matches every name that starts with “{prefix}”, including ones created later.",
            quote(entry)
        ),
        _ => format!(
            "{} uses IAM wildcards (* matches any characters, ? exactly one), so it can match more than you intend.",
            quote(entry)
        ),
    }
}

fn secret_error_code(error: &SecretError) -> Code {
    match error {
        SecretError::EmptyName => Code::SecretEmptyName,
        SecretError::InvalidCharacter { .. } => Code::SecretInvalidCharacter,
        SecretError::TooLong { .. } => Code::SecretTooLong,
        SecretError::MalformedArn => Code::SecretArnMalformed,
        SecretError::OtherService { .. } => Code::SecretArnOtherService,
        SecretError::UnknownPartition { .. } => Code::SecretArnUnknownPartition,
        SecretError::Region(_) => Code::SecretArnRegion,
        SecretError::PartitionOfRegion { .. } => Code::SecretArnPartitionMismatch,
        SecretError::Account(_) => Code::SecretArnAccount,
    }
}

/// The longest name prefix every listed secret shares, when the prefix scope can stand for
/// the list: every entry is in the form's own region and account (the scope places its
/// pattern there) and the prefix holds no wildcard. `None` when they share nothing.
pub(crate) fn shared_prefix<'a>(
    secrets: &[SecretRef<'a>],
    account: Option<&AccountId>,
    region: Option<Region>,
) -> Option<&'a str> {
    let mut names = secrets.iter().map(|secret| match secret {
        SecretRef::Name(name) => Some(name.as_str()),
        SecretRef::Arn(arn) => {
            (Some(&arn.account) == account && Some(arn.region) == region).then(|| arn.name.as_str())
        }
    });
    let mut prefix = names.next()??;
    for name in names {
        let name = name?;
        let common = prefix
            .bytes()
            .zip(name.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        prefix = &prefix[..common];
    }
    // Secret names are ASCII, so every byte index is a character boundary.
    let prefix = &prefix[..first_wildcard(prefix).unwrap_or(prefix.len())];
    (!prefix.is_empty()).then_some(prefix)
}

/// Switches the scope to the prefix and fills it in: one click.
pub(crate) fn prefix_fix(prefix: &str) -> Fix {
    Fix {
        label: format!("Use the prefix {prefix}"),
        set: vec![
            FieldValue {
                field: Field::SecretScope,
                value: SecretScope::Prefix.id().to_owned(),
            },
            FieldValue {
                field: Field::SecretPrefix,
                value: prefix.to_owned(),
            },
        ],
    }
}

#[cfg(test)]
mod shared_prefix_tests {
    use super::*;

    fn names(entries: &[&'static str]) -> Vec<SecretRef<'static>> {
        entries
            .iter()
            .map(|e| SecretRef::parse(e).expect("a secret").0)
            .collect()
    }

    fn account() -> AccountId {
        "123456789012".parse().expect("an account")
    }

    #[test]
    fn names_that_share_a_path_share_its_prefix() {
        let secrets = names(&["matillion/agent", "matillion/db", "matillion/dbt"]);
        assert_eq!(
            shared_prefix(&secrets, Some(&account()), None),
            Some("matillion/")
        );
        let secrets = names(&["matillion/db1", "matillion/db2"]);
        assert_eq!(shared_prefix(&secrets, None, None), Some("matillion/db"));
    }

    #[test]
    fn nothing_shared_or_a_wildcard_or_another_place_offers_nothing() {
        assert_eq!(shared_prefix(&names(&["alpha", "beta"]), None, None), None);
        assert_eq!(
            shared_prefix(&names(&["prod*/a", "prod*/b"]), None, None),
            Some("prod")
        );
        assert_eq!(shared_prefix(&names(&["*/a", "*/b"]), None, None), None);
        let elsewhere = names(&[
            "matillion/a",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:matillion/b-AbCdEf",
        ]);
        let region = Region::read("eu-west-1").ok().map(|(r, _)| r);
        assert_eq!(shared_prefix(&elsewhere, Some(&account()), region), None);
        let here = names(&[
            "matillion/a",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/b-AbCdEf",
        ]);
        assert_eq!(
            shared_prefix(&here, Some(&account()), region),
            Some("matillion/")
        );
        assert_eq!(shared_prefix(&[], None, None), None);
    }
}
