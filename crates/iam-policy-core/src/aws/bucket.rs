//! S3 staging buckets, by name, `s3://` URL or ARN.

use std::fmt;

/// A bucket name that follows S3's general-purpose bucket naming rules, and an optional
/// key prefix that object access is limited to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    name: String,
    prefix: Option<String>,
}

/// Why an entry is not a usable bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BucketError {
    /// Occurs when the name is shorter than 3 or longer than 63 characters.
    Length(usize),
    /// Occurs when the name has a character other than a–z, 0–9, `.` and `-`.
    InvalidCharacter(char),
    /// Occurs when the name does not start and end with a letter or digit.
    Edges,
    /// Occurs when the name has two dots in a row, or looks like an IP address.
    Shape,
    /// Occurs when the name uses a prefix or suffix S3 reserves.
    Reserved,
    /// Occurs when the key path is longer than an S3 object key may be (1,024 bytes of
    /// UTF-8), so no object can be under it.
    PathLength(usize),
    /// Occurs when the key path has a character a policy document cannot hold (IAM takes
    /// only tab, line breaks and U+0020–U+00FF), though S3 keys may.
    PathCharacter {
        /// The offending character.
        character: char,
        /// Its 1-based position in the path.
        position: usize,
    },
}

/// Messages follow the quoted entry.
impl fmt::Display for BucketError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BucketError::Length(length) => write!(f, "is {length} characters; bucket names have 3 to 63."),
            BucketError::InvalidCharacter(c) => write!(
                f,
                "has {}; bucket names may only use lower-case letters, digits, dots and dashes.",
                crate::text::chars::describe(*c)
            ),
            BucketError::Edges => f.write_str("must start and end with a lower-case letter or a digit."),
            BucketError::Shape => f.write_str("is not a bucket name: no two dots in a row, and not shaped like an IP address."),
            BucketError::Reserved => f.write_str("uses a prefix or suffix S3 reserves (xn--, sthree-, amzn-s3-demo-, -s3alias, --ol-s3, .mrap, --x-s3, --table-s3)."),
            BucketError::PathLength(bytes) => write!(
                f,
                "has a path of {} bytes; S3 object keys have at most {}, so no object is under it. Grant a shorter path, or the whole bucket.",
                crate::text::thousands(*bytes),
                crate::text::thousands(MAX_KEY_BYTES)
            ),
            BucketError::PathCharacter { character, position } => write!(
                f,
                "has {} at position {position} of its path. S3 keys may hold it, but an IAM policy can only hold characters from U+0020 to U+00FF — grant a shorter path, or the whole bucket.",
                crate::text::chars::describe(*character)
            ),
        }
    }
}

impl Bucket {
    /// Reads `my-bucket`, `s3://my-bucket/staging/` or `arn:aws:s3:::my-bucket`.
    ///
    /// ```
    /// use iam_policy_core::aws::bucket::Bucket;
    /// let bucket = Bucket::parse("s3://my-staging/matillion/").unwrap();
    /// assert_eq!(bucket.objects_arn("aws"), "arn:aws:s3:::my-staging/matillion/*");
    /// ```
    pub fn parse(entry: &str) -> Result<Bucket, BucketError> {
        let path = entry
            .strip_prefix("s3://")
            .or_else(|| {
                entry
                    .strip_prefix("arn:")
                    .and_then(|rest| rest.split_once(":s3:::"))
                    .map(|(_, path)| path)
            })
            .unwrap_or(entry);
        let (name, prefix) = match path.split_once('/') {
            Some((name, prefix)) => (
                name,
                Some(prefix.trim_end_matches('*')).filter(|p| !p.is_empty()),
            ),
            None => (path, None),
        };
        check_name(name)?;
        // Checked before the characters, so a pasted megabyte is turned down at a glance.
        if let Some(bytes) = prefix.map(str::len).filter(|&bytes| bytes > MAX_KEY_BYTES) {
            return Err(BucketError::PathLength(bytes));
        }
        if let Some((index, character)) = prefix
            .unwrap_or_default()
            .chars()
            .enumerate()
            .find(|(_, c)| !matches!(c, ' '..='\u{ff}') || c.is_control())
        {
            return Err(BucketError::PathCharacter {
                character,
                position: index + 1,
            });
        }
        Ok(Bucket {
            name: name.to_owned(),
            prefix: prefix.map(str::to_owned),
        })
    }

    /// The bucket's ARN, for `s3:ListBucket`.
    pub fn arn(&self, partition: &str) -> String {
        ["arn:", partition, ":s3:::", &self.name].concat()
    }

    /// Its objects' ARN pattern, for `s3:GetObject` and `s3:PutObject`.
    pub fn objects_arn(&self, partition: &str) -> String {
        let prefix = self
            .prefix
            .as_deref()
            .map_or(String::new(), |p| format!("{}/", p.trim_end_matches('/')));
        ["arn:", partition, ":s3:::", &self.name, "/", &prefix, "*"].concat()
    }

    /// The key prefix object access is limited to, if one was given.
    pub fn prefix(&self) -> Option<&str> {
        self.prefix.as_deref()
    }
}

/// The longest S3 object key, in bytes of UTF-8 (S3 User Guide, "Naming Amazon S3 objects").
pub const MAX_KEY_BYTES: usize = 1_024;

const RESERVED_PREFIXES: &[&str] = &["xn--", "sthree-", "amzn-s3-demo-"];
const RESERVED_SUFFIXES: &[&str] = &["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

fn check_name(name: &str) -> Result<(), BucketError> {
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '.' || *c == '-'))
    {
        return Err(BucketError::InvalidCharacter(c));
    }
    if !(3..=63).contains(&name.len()) {
        return Err(BucketError::Length(name.len()));
    }
    let alphanumeric = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    if !alphanumeric(name.as_bytes().first()) || !alphanumeric(name.as_bytes().last()) {
        return Err(BucketError::Edges);
    }
    let ip_like =
        name.split('.').count() == 4 && name.split('.').all(|part| part.parse::<u8>().is_ok());
    if name.contains("..") || ip_like {
        return Err(BucketError::Shape);
    }
    if RESERVED_PREFIXES.iter().any(|p| name.starts_with(p))
        || RESERVED_SUFFIXES.iter().any(|s| name.ends_with(s))
    {
        return Err(BucketError::Reserved);
    }
    Ok(())
}
