//! Parameter Store parameters referenced by the task definition.

use crate::text::chars::describe;
use std::fmt;

/// The longest parameter name Systems Manager accepts, its path included.
pub const MAX_PARAMETER_LENGTH: usize = 2_048;
/// The deepest parameter hierarchy Systems Manager accepts.
pub const MAX_PARAMETER_DEPTH: usize = 15;

/// A parameter name (`/prod/db/password` or `db-password`) or ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parameter {
    /// A name, placed in the form's partition, region and account.
    Name(String),
    /// A full ARN, kept as given.
    Arn(String),
}

/// Why an entry is not a usable parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterError {
    /// Occurs when the name has a character Parameter Store does not allow.
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// Its 1-based position.
        position: usize,
    },
    /// Occurs when the name is longer than 2,048 characters.
    TooLong(usize),
    /// Occurs when the path is more than 15 levels deep.
    TooDeep(usize),
    /// Occurs when an ARN is not an SSM parameter ARN.
    NotParameterArn,
}

/// Messages follow the quoted entry.
impl fmt::Display for ParameterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParameterError::InvalidCharacter { character, position } => write!(
                f,
                "has {} at position {position}. Parameter names may only use ASCII letters, digits and . - _ /",
                describe(*character)
            ),
            ParameterError::TooLong(length) => write!(
                f,
                "is {length} characters long; parameter names can be at most {MAX_PARAMETER_LENGTH}."
            ),
            ParameterError::TooDeep(depth) => write!(
                f,
                "is {depth} levels deep; Parameter Store allows at most {MAX_PARAMETER_DEPTH}."
            ),
            ParameterError::NotParameterArn => f.write_str(
                "is not a parameter ARN; it looks like arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db.",
            ),
        }
    }
}

impl Parameter {
    /// Reads a parameter name or ARN. `*` and `?` are allowed; the caller warns about them.
    ///
    /// ```
    /// use iam_policy_core::aws::parameter::Parameter;
    /// let place = iam_policy_core::aws::secret::Place { partition: "aws", region: "eu-west-1", account: "123456789012" };
    /// assert_eq!(
    ///     Parameter::parse("/prod/db").unwrap().arn(&place),
    ///     "arn:aws:ssm:eu-west-1:123456789012:parameter/prod/db"
    /// );
    /// ```
    pub fn parse(entry: &str) -> Result<Parameter, ParameterError> {
        if entry.starts_with("arn:") {
            let fields: Vec<&str> = entry.splitn(6, ':').collect();
            return match fields[..] {
                ["arn", partition, "ssm", region, account, resource]
                    if crate::aws::partition::Partition::by_id(partition).is_some()
                        && crate::aws::region::Region::lookup(region).is_some()
                        && account.len() == 12
                        && account.bytes().all(|b| b.is_ascii_digit())
                        && resource
                            .strip_prefix("parameter/")
                            .is_some_and(|name| check_name(name).is_ok()) =>
                {
                    Ok(Parameter::Arn(entry.to_owned()))
                }
                _ => Err(ParameterError::NotParameterArn),
            };
        }
        check_name(entry)?;
        Ok(Parameter::Name(entry.to_owned()))
    }

    /// The parameter's ARN. `/prod/db` and `prod/db` name the same parameter path.
    pub fn arn(&self, place: &crate::aws::secret::Place<'_>) -> String {
        match self {
            Parameter::Arn(arn) => arn.clone(),
            Parameter::Name(name) => {
                let separator = if name.starts_with('/') { "" } else { "/" };
                [
                    "arn:",
                    place.partition,
                    ":ssm:",
                    place.region,
                    ":",
                    place.account,
                    ":parameter",
                    separator,
                    name,
                ]
                .concat()
            }
        }
    }

    /// Whether the name holds `*` or `?`.
    pub fn has_wildcard(&self) -> bool {
        match self {
            Parameter::Arn(text) | Parameter::Name(text) => {
                crate::text::glob::first_wildcard(text).is_some()
            }
        }
    }
}

fn check_name(name: &str) -> Result<(), ParameterError> {
    if let Some((index, character)) = name
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || "._-/*?".contains(*c)))
    {
        return Err(ParameterError::InvalidCharacter {
            character,
            position: index + 1,
        });
    }
    if name.len() > MAX_PARAMETER_LENGTH {
        return Err(ParameterError::TooLong(name.len()));
    }
    let depth = name.trim_start_matches('/').split('/').count();
    if depth > MAX_PARAMETER_DEPTH {
        return Err(ParameterError::TooDeep(depth));
    }
    Ok(())
}
