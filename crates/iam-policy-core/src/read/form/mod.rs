//! Reads a [`Request`] into checked parts, reporting every problem on its field.

mod eks;
mod lists;
mod options;
mod secrets;

use crate::aws::account::{AccountError, AccountId, AccountNote};
use crate::aws::bucket::Bucket;
use crate::aws::kms::KmsKey;
use crate::aws::parameter::Parameter;
use crate::aws::partition::Partition;
use crate::aws::region::{Region, RegionError, RegionNote};
use crate::aws::secret::{Place, SecretRef};
use crate::input::problem::{Code, Field, Problem};
use crate::input::request::{Platform, Request};
pub(crate) use crate::text::chars::quote;
pub(crate) use eks::Eks;
pub(crate) use lists::Entries;
pub(crate) use secrets::{Scope, prefix_fix};

/// Stands in for the account in ARNs while the account field has an error, so no document
/// ever looks finished when it is not.
pub const ACCOUNT_PLACEHOLDER: &str = "<account-id>";
/// Stands in for the region likewise.
pub const REGION_PLACEHOLDER: &str = "<region>";

/// The request, checked: what is valid, and the partition everything follows.
pub(crate) struct Form<'a> {
    pub account: Option<AccountId>,
    pub region: Option<Region>,
    pub partition: &'static Partition,
    pub scope: Scope<'a>,
    /// The listed secrets (read only for the listed scope).
    pub secrets: Entries<SecretRef<'a>>,
    pub ec2_principal: bool,
    pub source_conditions: bool,
    pub kms_keys: Entries<KmsKey>,
    pub parameters: Entries<Parameter>,
    pub task_role_policy: bool,
    pub runtime_secrets: Entries<SecretRef<'a>>,
    pub buckets: Entries<Bucket>,
    /// The task role's name (valid; the default while the field has an error).
    pub task_role: &'a str,
    /// The task execution role's name, likewise.
    pub execution_role: &'a str,
    /// On EKS, its fields; `None` on ECS, which never reads them.
    pub eks: Option<Eks<'a>>,
}

impl<'a> Form<'a> {
    pub fn read(request: &'a Request, problems: &mut Vec<Problem>) -> Form<'a> {
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
                Code::PartitionPrincipalsUnconfirmed,
                format!(
                    "In {} the builder uses the commercial service principal names, which no public source confirms there — check them against your partition's documentation.",
                    partition.name
                ),
            ));
        }
        let on_eks = request.platform == Platform::Eks;
        let role = if on_eks {
            "The runner role"
        } else {
            "The execution role"
        };
        let scope = secrets::read_scope(request, role, problems);
        // The ARNs the secret lists give are built here, once, with the documents' own
        // placeholders: they are both the duplicate check's keys and the policy's resources.
        let place = place_of(partition, region, account.as_ref());
        let secrets = if scope == Scope::Listed {
            secrets::read_secrets(
                &request.secrets,
                Field::Secrets,
                &place,
                account.as_ref(),
                region,
                problems,
            )
        } else {
            Entries::default()
        };
        if let Some(prefix) = secrets::shared_prefix(&secrets.items, account.as_ref(), region)
            && let Some(too_long) = problems
                .iter_mut()
                .find(|p| p.code == Code::ListTooLong && p.field == Field::Secrets)
        {
            too_long.message = too_long.message.replace(
                lists::TOO_LONG_ADVICE,
                &format!(
                    "The entries read all start with {}: use that prefix instead.",
                    quote(prefix)
                ),
            );
            too_long.fix = Some(prefix_fix(prefix));
        }
        // The agent's values may all come from Parameter Store instead; on EKS, where
        // nothing reads Parameter Store for it, the pipelines' secrets may be all it reads.
        let others_given = if on_eks {
            &request.runtime_secrets
        } else {
            &request.parameters
        }
        .iter()
        .any(|p| !p.trim().is_empty());
        if scope == Scope::Listed && secrets.items.is_empty() && !secrets.failed && !others_given {
            problems.push(Problem::new(
                Field::Secrets,
                Code::SecretsMissing,
                "Add at least one secret name (for example the agent's client-credentials secret), or choose a broader scope.",
            ));
        }
        if !request.ec2_principal && !on_eks {
            problems.push(Problem::new(
                Field::Ec2Principal,
                Code::Ec2PrincipalRemoved,
                "Only ECS tasks can assume the task role now. If you reuse an existing role that is also an EC2 instance profile — such as Matillion ETL's — its EC2 instance can no longer assume it: keep EC2 in that case.",
            ));
        }
        if request.source_conditions && request.ec2_principal && !on_eks {
            problems.push(Problem::new(
                Field::SourceConditions,
                Code::SourceConditionsSeparate,
                "The conditions go on a statement of their own for ECS: EC2 does not send aws:SourceArn or aws:SourceAccount, and a condition on a missing key would lock EC2 out.",
            ));
        }
        let kms_keys = options::read_kms_keys(&request.kms_keys, partition, problems);
        // The ECS-only fields are not read on EKS: the page hides them, and a value left in
        // one from before must not raise a problem the person cannot see.
        let parameters = if on_eks {
            Entries::default()
        } else {
            options::read_parameters(&request.parameters, problems)
        };
        // On EKS the one runner role holds what the task role's policy would.
        let (runtime_secrets, buckets) = if request.task_role_policy || on_eks {
            (
                secrets::read_secrets(
                    &request.runtime_secrets,
                    Field::RuntimeSecrets,
                    &place,
                    account.as_ref(),
                    region,
                    problems,
                ),
                options::read_buckets(&request.staging_buckets, problems),
            )
        } else {
            (Entries::default(), Entries::default())
        };
        let eks =
            on_eks.then(|| eks::read_eks(request, account.as_ref(), region, partition, problems));
        Form {
            account,
            region,
            partition,
            scope,
            secrets,
            ec2_principal: request.ec2_principal,
            source_conditions: request.source_conditions,
            kms_keys,
            parameters,
            task_role_policy: request.task_role_policy,
            runtime_secrets,
            buckets,
            task_role: if on_eks {
                crate::aws::partition::TASK_ROLE_NAME
            } else {
                read_role_name(
                    &request.task_role_name,
                    Field::TaskRoleName,
                    crate::aws::partition::TASK_ROLE_NAME,
                    problems,
                )
            },
            execution_role: if on_eks {
                crate::aws::partition::EXECUTION_ROLE_NAME
            } else {
                read_role_name(
                    &request.execution_role_name,
                    Field::ExecutionRoleName,
                    crate::aws::partition::EXECUTION_ROLE_NAME,
                    problems,
                )
            },
            eks,
        }
    }

    /// The form's partition, region and account, with placeholders for those in error.
    pub fn place(&self) -> Place<'_> {
        place_of(self.partition, self.region, self.account.as_ref())
    }

    /// The name prefix every listed secret shares, when the prefix scope could stand for
    /// the list (see [`secrets::shared_prefix`]).
    pub fn shared_prefix(&self) -> Option<&'a str> {
        if self.scope != Scope::Listed {
            return None;
        }
        secrets::shared_prefix(&self.secrets.items, self.account.as_ref(), self.region)
    }

    /// A role's page in the console at `tab`, when the partition has a public console.
    pub fn role_url(&self, role: &str, tab: crate::aws::console::RoleTab) -> Option<String> {
        crate::aws::console::role_url(self.partition, self.region.map(Region::code), role, tab)
    }

    /// Whether ARNs built from the form's own account and region are real (no placeholders).
    pub fn place_is_valid(&self) -> bool {
        self.account.is_some() && self.region.is_some()
    }
}

fn place_of<'a>(
    partition: &'static Partition,
    region: Option<Region>,
    account: Option<&'a AccountId>,
) -> Place<'a> {
    Place {
        partition: partition.id,
        region: region.map_or(REGION_PLACEHOLDER, Region::code),
        account: account.map_or(ACCOUNT_PLACEHOLDER, AccountId::as_str),
    }
}

/// IAM's rule for role names: 1 to 64 of letters, digits and `+=,.@_-`.
const ROLE_NAME_LIMIT: usize = 64;

/// A role name, trimmed; blank is the default, and an invalid one is reported and the
/// default used meanwhile (the name only labels links, steps and exports).
fn read_role_name<'a>(
    text: &'a str,
    field: Field,
    default: &'static str,
    problems: &mut Vec<Problem>,
) -> &'a str {
    let name = text.trim();
    if name.is_empty() {
        return default;
    }
    let bad = name
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || "+=,.@_-".contains(*c)));
    let message = match bad {
        Some((position, c)) => Some(format!(
            "A role name cannot hold {} (position {}): use letters, digits and + = , . @ _ - only.",
            crate::text::chars::describe(c),
            position + 1
        )),
        None if name.chars().count() > ROLE_NAME_LIMIT => Some(format!(
            "A role name has at most {ROLE_NAME_LIMIT} characters; this one has {}.",
            name.chars().count()
        )),
        None => None,
    };
    match message {
        Some(message) => {
            problems.push(Problem::new(field, Code::RoleNameInvalid, message));
            default
        }
        None => name,
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
            // Already applied: the documents use it, so there is nothing to click.
            problems.push(Problem::new(Field::Account, code, message));
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
            problems.push(Problem::new(Field::Account, code, error.to_string()));
            None
        }
    }
}

fn read_region(input: &str, problems: &mut Vec<Problem>) -> Option<Region> {
    match Region::read(input) {
        Ok((region, note)) => {
            if let Some(RegionNote::FromConsoleName(typed)) = note {
                problems.push(Problem::new(
                    Field::Region,
                    Code::RegionFromName,
                    format!(
                        "{} is {} ({}): using {}.",
                        quote(&typed),
                        region.code(),
                        region.name(),
                        region.code()
                    ),
                ));
            }
            if region.opt_in() {
                problems.push(Problem::new(
                    Field::Region,
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
            let problem = Problem::new(Field::Region, code, error.to_string());
            problems.push(match suggestion {
                Some(region) => problem.suggesting(region),
                None => problem,
            });
            None
        }
    }
}
