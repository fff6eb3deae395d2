//! Reads a [`Request`] into checked parts, reporting every problem on its field.

use crate::account::{AccountError, AccountId, AccountNote};
use crate::partition::Partition;
use crate::problem::{Code, Field, Problem, Severity};
use crate::region::{Region, RegionError};
use crate::request::Request;
use crate::secret::{Place, SecretError, SecretNote, SecretRef};
use std::collections::HashSet;

/// Stands in for the account in ARNs while the account field has an error, so no document
/// ever looks finished when it is not.
pub const ACCOUNT_PLACEHOLDER: &str = "<account-id>";
/// Stands in for the region likewise.
pub const REGION_PLACEHOLDER: &str = "<region>";

/// Entries longer than this are cut in messages; the message must stay readable.
const QUOTE_LIMIT: usize = 60;

/// The request, checked: what is valid, and the partition everything follows.
pub(crate) struct Form {
    pub account: Option<AccountId>,
    pub region: Option<Region>,
    pub partition: &'static Partition,
    /// Valid secrets, without duplicates, in the order given.
    pub secrets: Vec<SecretRef>,
    pub all_secrets: bool,
    /// Whether any secret entry had an error (the secrets document is then incomplete).
    pub secrets_failed: bool,
}

impl Form {
    pub fn read(request: &Request, problems: &mut Vec<Problem>) -> Form {
        let account = read_account(&request.account, problems);
        let region = read_region(&request.region, problems);
        // An unknown region still tells its partition by its prefix (`cn-…`), which keeps
        // principals right while the user fixes a typo.
        let partition = region
            .map(Region::partition)
            .or_else(|| Partition::for_region_code(&request.region.trim().to_ascii_lowercase()))
            .unwrap_or_else(Partition::commercial);
        if !partition.principals_confirmed {
            problems.push(Problem::new(
                Field::Region,
                Severity::Info,
                Code::PartitionPrincipalsUnconfirmed,
                format!(
                    "In {} the builder uses the commercial service principal names, which no public source confirms there — check them against your partition's documentation.",
                    partition.name
                ),
            ));
        }
        let mut form = Form {
            account,
            region,
            partition,
            secrets: Vec::new(),
            all_secrets: request.all_secrets,
            secrets_failed: false,
        };
        form.read_secrets(&request.secrets, problems);
        problems.sort_by_key(|p| std::cmp::Reverse(p.severity));
        form
    }

    /// The form's partition, region and account, with placeholders for those in error.
    pub fn place(&self) -> Place<'_> {
        Place {
            partition: self.partition.id,
            region: self.region.map_or(REGION_PLACEHOLDER, Region::code),
            account: self
                .account
                .as_ref()
                .map_or(ACCOUNT_PLACEHOLDER, AccountId::as_str),
        }
    }

    fn read_secrets(&mut self, entries: &[String], problems: &mut Vec<Problem>) {
        if self.all_secrets {
            problems.push(Problem::new(
                Field::AllSecrets,
                Severity::Warning,
                Code::SecretsAll,
                "The execution role can read every secret in every region of the account (\"Resource\": \"*\"). List the agent's secrets instead unless you really need that.",
            ));
            return;
        }
        let mut seen = HashSet::new();
        for (index, raw) in entries.iter().enumerate() {
            let entry = raw.trim();
            if entry.is_empty() {
                continue;
            }
            match SecretRef::parse(entry) {
                Ok((secret, notes)) => {
                    let problems_before = problems.len();
                    for note in notes {
                        problems.push(note_problem(&note, entry).at_entry(index));
                    }
                    if !self.compare_with_form(&secret, entry, index, problems) {
                        self.secrets_failed = true;
                        continue;
                    }
                    if seen.insert(secret.resource(&self.place())) {
                        self.secrets.push(secret);
                    } else {
                        // Notes about a duplicate were already said about its first copy.
                        problems.truncate(problems_before);
                        problems.push(
                            Problem::new(
                                Field::Secrets,
                                Severity::Info,
                                Code::SecretDuplicate,
                                format!(
                                    "{} is listed more than once; the policy names it once.",
                                    quote(entry)
                                ),
                            )
                            .at_entry(index),
                        );
                    }
                }
                Err(error) => {
                    self.secrets_failed = true;
                    problems.push(
                        Problem::new(
                            Field::Secrets,
                            Severity::Error,
                            secret_error_code(&error),
                            format!("{} {error}", quote(entry)),
                        )
                        .at_entry(index),
                    );
                }
            }
        }
        if self.secrets.is_empty() && !self.secrets_failed {
            problems.push(Problem::new(
                Field::Secrets,
                Severity::Error,
                Code::SecretsMissing,
                "Add at least one secret name (for example the agent's client-credentials secret), or allow every secret.",
            ));
        }
    }

    /// Checks an ARN against the form's region and account; false when it cannot be used.
    fn compare_with_form(
        &self,
        secret: &SecretRef,
        entry: &str,
        index: usize,
        problems: &mut Vec<Problem>,
    ) -> bool {
        let SecretRef::Arn(arn) = secret else {
            return true;
        };
        if let Some(region) = self.region {
            if arn.partition != region.partition() {
                problems.push(
                    Problem::new(
                        Field::Secrets,
                        Severity::Error,
                        Code::SecretOtherPartition,
                        format!(
                            "{} is in partition {} ({}), but {} is in {} — one role cannot read secrets across partitions. Check the region or the ARN.",
                            quote(entry), arn.partition.id, arn.partition.name, region.code(), region.partition().id
                        ),
                    )
                    .at_entry(index),
                );
                return false;
            }
            if arn.region != region {
                problems.push(
                    Problem::new(
                        Field::Secrets,
                        Severity::Warning,
                        Code::SecretOtherRegion,
                        format!(
                            "{} is in {}, not {}. That works when the secret really lives there — ECS reads it by its full ARN.",
                            quote(entry), arn.region.code(), region.code()
                        ),
                    )
                    .at_entry(index),
                );
            }
        }
        if let Some(account) = &self.account
            && &arn.account != account
        {
            problems.push(
                    Problem::new(
                        Field::Secrets,
                        Severity::Warning,
                        Code::SecretOtherAccount,
                        format!(
                            "{} belongs to account {}, not {account}. Reading another account's secret also needs a resource policy on the secret and a customer managed KMS key shared with this account.",
                            quote(entry), arn.account
                        ),
                    )
                    .at_entry(index),
                );
        }
        true
    }
}

fn read_account(input: &str, problems: &mut Vec<Problem>) -> Option<AccountId> {
    match AccountId::parse(input) {
        Ok((id, note)) => {
            let (code, message) = match note {
                None => return Some(id),
                Some(AccountNote::RemovedSeparators) => (
                    Code::AccountNormalised,
                    format!("Removed the spaces and dashes: using {id}."),
                ),
                Some(AccountNote::TakenFromArn) => (
                    Code::AccountFromArn,
                    format!("Took the account ID {id} from the ARN."),
                ),
            };
            problems.push(
                Problem::new(Field::Account, Severity::Info, code, message).suggesting(id.as_str()),
            );
            Some(id)
        }
        Err(error) => {
            let code = match error {
                AccountError::Missing => Code::AccountMissing,
                AccountError::Placeholder => Code::AccountPlaceholder,
                AccountError::Alias => Code::AccountAlias,
                AccountError::InvalidCharacter { .. } => Code::AccountInvalidCharacter,
                AccountError::WrongLength { .. } => Code::AccountLength,
            };
            problems.push(Problem::new(
                Field::Account,
                Severity::Error,
                code,
                error.to_string(),
            ));
            None
        }
    }
}

fn read_region(input: &str, problems: &mut Vec<Problem>) -> Option<Region> {
    match Region::parse(input) {
        Ok(region) => {
            if region.opt_in() {
                problems.push(Problem::new(
                    Field::Region,
                    Severity::Info,
                    Code::RegionOptIn,
                    format!(
                        "{} ({}) is an opt-in region: an account administrator must enable it (Account → AWS Regions) before ECS can run there.",
                        region.code(),
                        region.name()
                    ),
                ));
            }
            Some(region)
        }
        Err(error) => {
            let (code, suggestion) = match &error {
                RegionError::Missing => (Code::RegionMissing, None),
                RegionError::AvailabilityZone { region, .. } => {
                    (Code::RegionAvailabilityZone, Some(*region))
                }
                RegionError::Unknown { suggestion, .. } => (Code::RegionUnknown, *suggestion),
            };
            let problem = Problem::new(Field::Region, Severity::Error, code, error.to_string());
            problems.push(match suggestion {
                Some(region) => problem.suggesting(region),
                None => problem,
            });
            None
        }
    }
}

fn note_problem(note: &SecretNote, entry: &str) -> Problem {
    let (severity, code, message) = match note {
        SecretNote::RemovedValueFromTail(tail) => (
            Severity::Info,
            Code::SecretValueFromTail,
            format!(
                "{} is an ECS valueFrom: removed “{tail}” (JSON key, version stage, version id) — IAM grants on the secret's own ARN.",
                quote(entry)
            ),
        ),
        SecretNote::CompletedPartialArn => (
            Severity::Info,
            Code::SecretPartialArn,
            format!(
                "{} has no six-character suffix, so the policy adds -?????? — without it the ARN would match no secret.",
                quote(entry)
            ),
        ),
        SecretNote::NameLooksSuffixed => (
            Severity::Warning,
            Code::SecretNameLooksSuffixed,
            format!(
                "{} ends like the six random characters AWS adds to secret ARNs. It is treated as a name, so the policy allows “{entry}-??????”. If those six characters are the suffix, paste the secret's full ARN instead.",
                quote(entry)
            ),
        ),
        SecretNote::SuffixLooksLikeWord => (
            Severity::Warning,
            Code::SecretSuffixLooksLikeWord,
            format!(
                "{} is taken as a complete ARN whose last six characters are AWS's random suffix. If they are part of the secret's name, enter the name instead and the builder adds -??????.",
                quote(entry)
            ),
        ),
        SecretNote::Wildcard => (
            Severity::Warning,
            Code::SecretWildcard,
            wildcard_message(entry),
        ),
    };
    Problem::new(Field::Secrets, severity, code, message)
}

fn wildcard_message(entry: &str) -> String {
    let name = entry.rsplit(":secret:").next().unwrap_or(entry);
    match name.strip_suffix('*') {
        Some(prefix) if !prefix.contains(['*', '?']) => format!(
            "{} matches every secret whose name starts with “{prefix}”, including secrets created later.",
            quote(entry)
        ),
        _ => format!(
            "{} uses IAM wildcards (* matches any characters, ? exactly one), so it can match more secrets than you intend.",
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

/// “entry”, cut to a readable length: an ARN keeps its end, where the name is.
fn quote(entry: &str) -> String {
    let length = entry.chars().count();
    if length <= QUOTE_LIMIT {
        return format!("“{entry}”");
    }
    if entry.starts_with("arn:") {
        let tail: String = entry.chars().skip(length - QUOTE_LIMIT).collect();
        format!("“…{tail}”")
    } else {
        let head: String = entry.chars().take(QUOTE_LIMIT).collect();
        format!("“{head}…”")
    }
}
