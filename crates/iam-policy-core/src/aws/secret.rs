//! Secret entries as people bring them: names, full or partial ARNs, ECS `valueFrom` strings.

use crate::aws::account::{AccountError, AccountId};
use crate::aws::partition::Partition;
use crate::aws::region::{Region, RegionError};
use crate::text::chars::describe;
use std::fmt;

/// The most characters Secrets Manager accepts in a secret name (CreateSecret `Name`).
pub const MAX_NAME_LENGTH: usize = 512;

/// What AWS appends to every secret name in its ARN: a dash and six random characters.
/// `?` matches exactly one character, so this matches the suffix and nothing longer.
pub const SUFFIX_PATTERN: &str = "-??????";

/// A secret name of 1–512 ASCII letters, digits and `/_+=.@-`, optionally with the IAM
/// wildcards `*` and `?` — or a name AWS gave a secret it manages for a service, which
/// starts with the service and `!` (`rds!db-…`, `rds!cluster-…`, `events!connection/…`,
/// `redshift!…`): people cannot create such names, but task definitions reference them. It borrows the text it was read from: reading a list of names
/// copies none of them (only the ARNs built from them are new strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecretName<'a> {
    name: &'a str,
    /// Whether it holds `*` or `?`, found by the same scan that checks its characters.
    wildcard: bool,
}

/// Per byte: may it be in a secret name, and is it a wildcard. One table look-up a byte
/// answers both (this runs for every entry on every keystroke).
const NAME_BYTE: u8 = 1;
const WILDCARD_BYTE: u8 = 2;
const NAME_BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        // `!` only as an AWS-managed name's service mark, which `parse` checks.
        if b.is_ascii_alphanumeric()
            || matches!(b, b'/' | b'_' | b'+' | b'=' | b'.' | b'@' | b'-' | b'!')
        {
            table[byte] = NAME_BYTE;
        }
        if matches!(b, b'*' | b'?') {
            table[byte] = NAME_BYTE | WILDCARD_BYTE;
        }
        byte += 1;
    }
    table
};

impl<'a> SecretName<'a> {
    /// Checks a name's length and characters.
    ///
    /// ```
    /// use iam_policy_core::aws::secret::SecretName;
    /// assert!(SecretName::parse("matillion/agent").is_ok());
    /// assert!(SecretName::parse("my secret").is_err());
    /// ```
    pub fn parse(name: &'a str) -> Result<SecretName<'a>, SecretError> {
        // Bytes first, every byte through one table: all must be name bytes, any may be a
        // wildcard. Only a name that fails is walked by characters, to name the character
        // and its position.
        let (every, any) = name.bytes().fold((NAME_BYTE, 0), |(every, any), b| {
            let flags = NAME_BYTES[usize::from(b)];
            (every & flags, any | flags)
        });
        if every & NAME_BYTE == 0
            && let Some((index, c)) = name
                .chars()
                .enumerate()
                .find(|(_, c)| !u8::try_from(*c).is_ok_and(|b| NAME_BYTES[usize::from(b)] != 0))
        {
            return Err(SecretError::InvalidCharacter {
                character: c,
                position: index + 1,
            });
        }
        if let Some(position) = misplaced_mark(name) {
            return Err(SecretError::InvalidCharacter {
                character: '!',
                position,
            });
        }
        match name.len() {
            0 => Err(SecretError::EmptyName),
            length if length > MAX_NAME_LENGTH => Err(SecretError::TooLong { length }),
            _ => Ok(SecretName {
                name,
                wildcard: any & WILDCARD_BYTE != 0,
            }),
        }
    }

    /// The name as written.
    pub fn as_str(&self) -> &'a str {
        self.name
    }

    /// Whether the name holds `*` or `?`, and so can match more than one secret.
    pub fn has_wildcard(&self) -> bool {
        self.wildcard
    }

    /// Ends in `-` and six letters or digits with a capital among them — what AWS's random
    /// suffix almost always looks like (an all-lower-case ending such as `-secret` is far
    /// more often a word than a suffix, so it is left alone).
    fn looks_suffixed(&self) -> bool {
        split_suffix(self.name).is_some_and(|(_, suffix)| {
            suffix.bytes().any(|b| b.is_ascii_uppercase())
                && suffix
                    .bytes()
                    .any(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
    }
}

/// The 1-based position of a `!` that is not an AWS-managed name's service mark: one `!`,
/// right after a service's name in lower case (`rds!`, `events!`), and nowhere else.
fn misplaced_mark(name: &str) -> Option<usize> {
    let at = name.find('!')?;
    let service = &name[..at];
    let managed = !service.is_empty()
        && service.starts_with(|c: char| c.is_ascii_lowercase())
        && service
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && at + 1 < name.len();
    let stray = if managed {
        name[at + 1..].find('!').map(|next| at + 1 + next)
    } else {
        Some(at)
    };
    // Positions count characters; every character before a `!` here is ASCII or the
    // byte scan would have refused it first.
    stray.map(|byte| name[..byte].chars().count() + 1)
}

/// `name-AbCdEf` → (`name`, `AbCdEf`): the CDK's test for a complete ARN, `-[a-z0-9]{6}$`
/// ignoring case.
pub(crate) fn split_suffix(name: &str) -> Option<(&str, &str)> {
    let cut = name.len().checked_sub(7)?;
    let (head, tail) = name.split_at_checked(cut)?;
    let suffix = tail.strip_prefix('-')?;
    (!head.is_empty() && suffix.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then_some((head, suffix))
}

/// One secret the execution role must read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretRef<'a> {
    /// A name, placed in the form's partition, region and account.
    Name(SecretName<'a>),
    /// An ARN that names its own partition, region and account.
    Arn(SecretArn<'a>),
}

/// A Secrets Manager secret ARN, with or without its six-character suffix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretArn<'a> {
    /// The partition the ARN names; always the region's partition.
    pub partition: &'static Partition,
    /// The region the ARN names.
    pub region: Region,
    /// The account the ARN names.
    pub account: AccountId,
    /// The secret's name, without the suffix.
    pub name: SecretName<'a>,
    /// The six random characters, when the ARN is complete.
    pub suffix: Option<&'a str>,
}

/// Something parsing changed or noticed that the user should hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretNote<'a> {
    /// An ECS `valueFrom` tail (`:json-key:stage:version`) was removed.
    RemovedValueFromTail(&'a str),
    /// A partial ARN (no suffix) got `-??????`.
    CompletedPartialArn,
    /// A plain name ends like a suffix; it was kept as a name.
    NameLooksSuffixed,
    /// An ARN's last six characters were taken as its suffix, though they read like a word.
    SuffixLooksLikeWord,
    /// The name holds `*` or `?`.
    Wildcard,
    /// The name ends in `-`: legal, but almost always a paste cut short before the suffix
    /// or the rest of the name.
    TrailingDash,
}

/// Why a secret entry cannot name a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretError {
    /// Occurs when an ARN ends at `secret:` with no name.
    EmptyName,
    /// Occurs when the name has a character Secrets Manager does not allow.
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// Its 1-based position in the entry.
        position: usize,
    },
    /// Occurs when the name is longer than 512 characters.
    TooLong {
        /// The name's length.
        length: usize,
    },
    /// Occurs when the text starts like an ARN but does not have the fields of one.
    MalformedArn,
    /// Occurs when an ARN of another service (SSM, KMS, …) is given as a secret.
    OtherService {
        /// The service the ARN names.
        service: String,
    },
    /// Occurs when the ARN's partition is not one AWS has.
    UnknownPartition {
        /// The partition the ARN names.
        partition: String,
    },
    /// Occurs when the ARN's region is not a known region.
    Region(RegionError),
    /// Occurs when the ARN's partition is not the partition of its own region.
    PartitionOfRegion {
        /// The partition the ARN names.
        partition: &'static str,
        /// The region the ARN names.
        region: &'static str,
        /// The partition that region belongs to.
        expected: &'static str,
    },
    /// Occurs when the ARN's account is not 12 digits.
    Account(AccountError),
}

/// Each message is a predicate that follows the quoted entry: "“my secret” has a space …".
impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretError::EmptyName => f.write_str("ends at “secret:” — add the secret's name after it."),
            SecretError::InvalidCharacter { character, position } => write!(
                f,
                "has {} at position {position}. Secret names may only use ASCII letters, digits and / _ + = . @ - (and one ! after the service in a name AWS manages, such as rds!db-…)",
                describe(*character)
            ),
            SecretError::TooLong { length } => write!(
                f,
                "is {} characters long; secret names can be at most {MAX_NAME_LENGTH}.",
                crate::text::thousands(*length)
            ),
            SecretError::MalformedArn => f.write_str(
                "starts like an ARN but is not one. A secret ARN looks like arn:aws:secretsmanager:eu-west-1:123456789012:secret:name-AbCdEf",
            ),
            SecretError::OtherService { service } if service == "ssm" => f.write_str(
                "is a Parameter Store ARN, not a secret — put it under Parameter Store parameters (Advanced options).",
            ),
            SecretError::OtherService { service } => write!(
                f,
                "is an ARN of “{service}”, not of Secrets Manager — only secrets belong in this list."
            ),
            SecretError::UnknownPartition { partition } => write!(
                f,
                "names partition “{partition}”, which does not exist — it is “aws” (or aws-cn in China, aws-us-gov in GovCloud)."
            ),
            SecretError::Region(error) => write!(f, "has a bad region. {error}"),
            SecretError::PartitionOfRegion { partition, region, expected } => write!(
                f,
                "says partition “{partition}”, but {region} is in “{expected}” — the ARN must start arn:{expected}:secretsmanager:"
            ),
            SecretError::Account(error) => write!(f, "has a bad account. {error}"),
        }
    }
}

impl<'a> SecretRef<'a> {
    /// Reads one trimmed, non-empty entry.
    ///
    /// ```
    /// use iam_policy_core::aws::secret::{SecretNote, SecretRef};
    /// let (secret, notes) = SecretRef::parse(
    ///     "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:password::",
    /// ).unwrap();
    /// assert!(matches!(secret, SecretRef::Arn(ref arn) if arn.suffix == Some("AbCdEf")));
    /// assert_eq!(notes, [SecretNote::RemovedValueFromTail(":password::")]);
    /// ```
    pub fn parse(entry: &'a str) -> Result<(SecretRef<'a>, Vec<SecretNote<'a>>), SecretError> {
        if entry.starts_with("arn:") {
            return parse_arn(entry);
        }
        let name = SecretName::parse(entry)?;
        let mut notes = Vec::new();
        if name.has_wildcard() {
            notes.push(SecretNote::Wildcard);
        } else if name.looks_suffixed() {
            notes.push(SecretNote::NameLooksSuffixed);
        }
        if entry.ends_with('-') {
            notes.push(SecretNote::TrailingDash);
        }
        Ok((SecretRef::Name(name), notes))
    }

    /// The name as the user wrote it, without any suffix.
    pub fn name(&self) -> SecretName<'a> {
        match self {
            SecretRef::Name(name) => *name,
            SecretRef::Arn(arn) => arn.name,
        }
    }

    /// The IAM resource for this secret. A name or partial ARN gets `-??????`, unless it
    /// already ends in `*`, which matches any suffix by itself.
    pub fn resource(&self, place: &Place<'_>) -> String {
        Resources::new(place).of(self)
    }
}

/// Builds secrets' IAM resources for one place. Every secret given by name shares the
/// ARN's start (`arn:aws:secretsmanager:eu-west-1:123456789012:secret:`), so a list writes
/// it once rather than once per secret.
pub struct Resources {
    named_start: String,
}

impl Resources {
    /// Resources for secrets in `place` (ARN entries keep their own place).
    pub fn new(place: &Place<'_>) -> Resources {
        Resources {
            named_start: joined(&[
                "arn:",
                place.partition,
                ":secretsmanager:",
                place.region,
                ":",
                place.account,
                ":secret:",
            ]),
        }
    }

    /// The ARN pattern `name` gives as written, with no suffix added: `prod/*` for a name
    /// prefix, `*` for every secret in the place.
    pub fn pattern(&self, name: &str) -> String {
        joined(&[&self.named_start, name])
    }

    /// The IAM resource for `secret`. A name or partial ARN gets `-??????`, unless it
    /// already ends in `*`, which matches any suffix by itself.
    pub fn of(&self, secret: &SecretRef<'_>) -> String {
        let name = secret.name().as_str();
        let suffix = match secret {
            SecretRef::Name(_) => None,
            SecretRef::Arn(arn) => arn.suffix,
        };
        let (dash, ending) = match suffix {
            Some(suffix) => ("-", suffix),
            None if name.ends_with('*') => ("", ""),
            None => ("", SUFFIX_PATTERN),
        };
        match secret {
            SecretRef::Name(_) => joined(&[&self.named_start, name, dash, ending]),
            SecretRef::Arn(arn) => joined(&[
                "arn:",
                arn.partition.id,
                ":secretsmanager:",
                arn.region.code(),
                ":",
                arn.account.as_str(),
                ":secret:",
                name,
                dash,
                ending,
            ]),
        }
    }
}

/// The parts one after another, in a string allocated once at its final size.
fn joined(parts: &[&str]) -> String {
    let mut text = String::with_capacity(parts.iter().map(|part| part.len()).sum());
    for part in parts {
        text.push_str(part);
    }
    text
}

/// Where a secret given by name lives: the form's partition, region and account (or the
/// placeholders shown while those fields have errors).
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The ARN partition id.
    pub partition: &'a str,
    /// The region code.
    pub region: &'a str,
    /// The 12-digit account.
    pub account: &'a str,
}

fn parse_arn(entry: &str) -> Result<(SecretRef<'_>, Vec<SecretNote<'_>>), SecretError> {
    let fields: Vec<&str> = entry.split(':').collect();
    // arn : partition : service : region : account : secret : name [: key : stage : version]
    // Naming the wrong service is more useful than counting fields, so it comes first.
    if let Some(service) = fields
        .get(2)
        .filter(|s| **s != "secretsmanager" && !s.is_empty())
    {
        return Err(SecretError::OtherService {
            service: (*service).to_owned(),
        });
    }
    if fields.len() < 7 || fields.len() > 10 {
        return Err(SecretError::MalformedArn);
    }
    if fields[5] != "secret" {
        return Err(SecretError::MalformedArn);
    }
    let partition = Partition::by_id(fields[1]).ok_or_else(|| SecretError::UnknownPartition {
        partition: fields[1].to_owned(),
    })?;
    let region = Region::parse(fields[3]).map_err(SecretError::Region)?;
    if region.partition() != partition {
        return Err(SecretError::PartitionOfRegion {
            partition: partition.id,
            region: region.code(),
            expected: region.partition().id,
        });
    }
    let account = AccountId::parse_digits(fields[4]).map_err(|error| match error {
        AccountError::WrongLength { digits: 0 } => SecretError::Account(AccountError::Missing),
        other => SecretError::Account(other),
    })?;
    // Error positions count from the start of the whole entry. The six fields before the
    // name have been checked to be ASCII by now, so bytes are characters.
    let name_start: usize = fields[..6].iter().map(|field| field.len() + 1).sum();
    let raw_name = fields[6];
    let mut notes = Vec::new();
    if fields.len() > 7 {
        // Everything after the name, from its colon on: `:json-key:stage:version`.
        notes.push(SecretNote::RemovedValueFromTail(
            &entry[name_start + raw_name.len()..],
        ));
    }
    let (name, suffix) = match split_suffix(raw_name) {
        Some((name, suffix)) => (name, Some(suffix)),
        None => (raw_name, None),
    };
    let name = SecretName::parse(name).map_err(|error| match error {
        SecretError::InvalidCharacter {
            character,
            position,
        } => SecretError::InvalidCharacter {
            character,
            position: name_start + position,
        },
        other => other,
    })?;
    match &suffix {
        None => notes.push(SecretNote::CompletedPartialArn),
        Some(suffix) if suffix.bytes().all(|b| b.is_ascii_lowercase()) => {
            notes.push(SecretNote::SuffixLooksLikeWord);
        }
        Some(_) => {}
    }
    if name.has_wildcard() {
        notes.push(SecretNote::Wildcard);
    }
    Ok((
        SecretRef::Arn(SecretArn {
            partition,
            region,
            account,
            name,
            suffix,
        }),
        notes,
    ))
}
