//! The region table and the parser that turns what people type into a known region.

use crate::aws::partition::Partition;
use crate::text::chars::quote;
use crate::text::suggest::closest;
use std::fmt;

/// One region of one partition.
#[derive(Debug, PartialEq, Eq)]
pub struct RegionInfo {
    /// The region code, e.g. `eu-west-1`.
    pub code: &'static str,
    /// The ARN partition id it belongs to, e.g. `aws`.
    pub partition: &'static str,
    /// The console's name for it, e.g. "Europe (Ireland)".
    pub name: &'static str,
    /// Launched after 2019-03-20, so an account must enable it before use.
    pub opt_in: bool,
}

const fn region(
    code: &'static str,
    partition: &'static str,
    name: &'static str,
    opt_in: bool,
) -> RegionInfo {
    RegionInfo {
        code,
        partition,
        name,
        opt_in,
    }
}

/// Every region the builder knows: botocore's `partitions.json` (botocore 1.44.8, which
/// tests/oracles/regions.py holds this table to, region by region). ECS and Secrets
/// Manager are among the services every region launches with.
pub const REGIONS: &[RegionInfo] = &[
    region("af-south-1", "aws", "Africa (Cape Town)", true),
    region("ap-east-1", "aws", "Asia Pacific (Hong Kong)", true),
    region("ap-east-2", "aws", "Asia Pacific (Taipei)", true),
    region("ap-northeast-1", "aws", "Asia Pacific (Tokyo)", false),
    region("ap-northeast-2", "aws", "Asia Pacific (Seoul)", false),
    region("ap-northeast-3", "aws", "Asia Pacific (Osaka)", false),
    region("ap-south-1", "aws", "Asia Pacific (Mumbai)", false),
    region("ap-south-2", "aws", "Asia Pacific (Hyderabad)", true),
    region("ap-southeast-1", "aws", "Asia Pacific (Singapore)", false),
    region("ap-southeast-2", "aws", "Asia Pacific (Sydney)", false),
    region("ap-southeast-3", "aws", "Asia Pacific (Jakarta)", true),
    region("ap-southeast-4", "aws", "Asia Pacific (Melbourne)", true),
    region("ap-southeast-5", "aws", "Asia Pacific (Malaysia)", true),
    region("ap-southeast-6", "aws", "Asia Pacific (New Zealand)", true),
    region("ap-southeast-7", "aws", "Asia Pacific (Thailand)", true),
    region("ca-central-1", "aws", "Canada (Central)", false),
    region("ca-west-1", "aws", "Canada West (Calgary)", true),
    region("eu-central-1", "aws", "Europe (Frankfurt)", false),
    region("eu-central-2", "aws", "Europe (Zurich)", true),
    region("eu-north-1", "aws", "Europe (Stockholm)", false),
    region("eu-south-1", "aws", "Europe (Milan)", true),
    region("eu-south-2", "aws", "Europe (Spain)", true),
    region("eu-west-1", "aws", "Europe (Ireland)", false),
    region("eu-west-2", "aws", "Europe (London)", false),
    region("eu-west-3", "aws", "Europe (Paris)", false),
    region("il-central-1", "aws", "Israel (Tel Aviv)", true),
    region("me-central-1", "aws", "Middle East (UAE)", true),
    region("me-south-1", "aws", "Middle East (Bahrain)", true),
    region("me-west-1", "aws", "Middle East (Saudi Arabia)", true),
    region("mx-central-1", "aws", "Mexico (Central)", true),
    region("sa-east-1", "aws", "South America (São Paulo)", false),
    region("sa-west-1", "aws", "South America (Chile)", true),
    region("us-east-1", "aws", "US East (N. Virginia)", false),
    region("us-east-2", "aws", "US East (Ohio)", false),
    region("us-west-1", "aws", "US West (N. California)", false),
    region("us-west-2", "aws", "US West (Oregon)", false),
    region("cn-north-1", "aws-cn", "China (Beijing)", false),
    region("cn-northwest-1", "aws-cn", "China (Ningxia)", false),
    region(
        "us-gov-east-1",
        "aws-us-gov",
        "AWS GovCloud (US-East)",
        false,
    ),
    region(
        "us-gov-west-1",
        "aws-us-gov",
        "AWS GovCloud (US-West)",
        false,
    ),
    region("us-iso-east-1", "aws-iso", "US ISO East", false),
    region("us-iso-west-1", "aws-iso", "US ISO West", false),
    region("us-isob-east-1", "aws-iso-b", "US ISOB East (Ohio)", false),
    region("us-isob-west-1", "aws-iso-b", "US ISOB West", false),
    region("eu-isoe-west-1", "aws-iso-e", "EU ISOE West", false),
    region("us-isof-east-1", "aws-iso-f", "US ISOF East", false),
    region("us-isof-south-1", "aws-iso-f", "US ISOF South", false),
    region(
        "eusc-de-east-1",
        "aws-eusc",
        "AWS European Sovereign Cloud (Germany)",
        false,
    ),
];

/// A region from [`REGIONS`]; holding one means the code is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region(&'static RegionInfo);

/// Something reading a region did that the reader should hear about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionNote {
    /// The text was a console name that means one region; it holds the text as typed.
    FromConsoleName(String),
}

/// Why a region field could not be read as a known region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegionError {
    /// Occurs when the field is empty.
    Missing,
    /// Occurs when an availability zone (`us-east-1a`) or Local Zone is given instead of
    /// its region.
    AvailabilityZone {
        /// What was typed, lower-cased.
        zone: String,
        /// The region the zone belongs to.
        region: &'static str,
    },
    /// Occurs when the text is not a region code the builder knows.
    Unknown {
        /// What was typed, trimmed, in its own case.
        input: String,
        /// The closest known region code of the same partition, by spelling.
        suggestion: Option<&'static str>,
    },
}

impl fmt::Display for RegionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegionError::Missing => {
                f.write_str("Choose the AWS region your agent runs in, for example eu-west-1.")
            }
            RegionError::AvailabilityZone { zone, region } => write!(
                f,
                "{} is an availability zone, not a region — use its region, {region}.",
                quote(zone)
            ),
            RegionError::Unknown {
                input,
                suggestion: Some(suggestion),
            } => write!(
                f,
                "{} is not an AWS region — did you mean {suggestion} ({})?",
                quote(input),
                Region::lookup(suggestion).map_or("", |r| r.name())
            ),
            RegionError::Unknown {
                input,
                suggestion: None,
            } => write!(
                f,
                "{} is not an AWS region. Use a region code such as eu-west-1 or us-east-1 — the console shows it next to the region name, top right.",
                quote(input)
            ),
        }
    }
}

impl Region {
    /// The known region with exactly this code.
    pub fn lookup(code: &str) -> Option<Region> {
        REGIONS.iter().find(|r| r.code == code).map(Region)
    }

    /// Reads a region as people type it: trimmed, any case, and tells an availability zone
    /// or a near miss apart from nonsense.
    ///
    /// ```
    /// use iam_policy_core::aws::region::{Region, RegionError};
    /// assert_eq!(Region::parse(" EU-West-1 ").unwrap().code(), "eu-west-1");
    /// assert!(matches!(
    ///     Region::parse("eu-wset-1"),
    ///     Err(RegionError::Unknown { suggestion: Some("eu-west-1"), .. })
    /// ));
    /// ```
    pub fn parse(input: &str) -> Result<Region, RegionError> {
        let code = input.trim().to_ascii_lowercase();
        if code.is_empty() {
            return Err(RegionError::Missing);
        }
        if let Some(region) = Region::lookup(&code) {
            return Ok(region);
        }
        if let Some(region) = zone_region(&code) {
            return Err(RegionError::AvailabilityZone {
                zone: code,
                region: region.code(),
            });
        }
        // A suggestion never moves the reader to another partition: `us-isob-west-1`
        // must not become `us-iso-west-1`, whose ARNs start `arn:aws-iso:`.
        let partition = Partition::for_region_code(&code);
        let suggestion = closest(
            &code,
            REGIONS
                .iter()
                .filter(|r| partition.is_none_or(|p| p.id == r.partition))
                .map(|r| r.code),
            code.len().div_ceil(3).max(2),
        );
        Err(RegionError::Unknown {
            input: input.trim().to_owned(),
            suggestion,
        })
    }

    /// Reads a region as [`Region::parse`] does, and also by its console name ("Ireland",
    /// "Europe (Ireland)", "sao paulo"), in any case and with or without accents, when the
    /// name means exactly one region: then it says so, quoting what was typed as typed.
    ///
    /// ```
    /// use iam_policy_core::aws::region::{Region, RegionNote};
    /// let (region, note) = Region::read("Europe (Ireland)").unwrap();
    /// assert_eq!(region.code(), "eu-west-1");
    /// assert_eq!(note, Some(RegionNote::FromConsoleName("Europe (Ireland)".into())));
    /// ```
    pub fn read(input: &str) -> Result<(Region, Option<RegionNote>), RegionError> {
        match Region::parse(input) {
            Err(RegionError::Unknown { input: typed, .. })
                if let Some(region) = by_console_name(&fold(&typed)) =>
            {
                Ok((region, Some(RegionNote::FromConsoleName(typed))))
            }
            other => other.map(|region| (region, None)),
        }
    }

    /// The region code, e.g. `eu-west-1`.
    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// The console's name, e.g. "Europe (Ireland)".
    pub fn name(self) -> &'static str {
        self.0.name
    }

    /// Whether the account must enable this region before use.
    pub fn opt_in(self) -> bool {
        self.0.opt_in
    }

    /// The partition this region belongs to.
    pub fn partition(self) -> &'static Partition {
        Partition::by_id(self.0.partition).unwrap_or_else(Partition::commercial)
    }
}

/// `us-east-1a` → `us-east-1`; Local Zones (`us-east-1-bos-1a`) and Wavelength Zones
/// (`us-east-1-wl1-bos-wlz-1`) also start with their parent region and a dash.
fn zone_region(code: &str) -> Option<Region> {
    REGIONS
        .iter()
        .filter(|r| {
            code.strip_prefix(r.code).is_some_and(|rest| {
                (rest.len() == 1 && rest.bytes().all(|b| b.is_ascii_lowercase()))
                    || (rest.starts_with('-') && rest.len() > 1)
            })
        })
        .max_by_key(|r| r.code.len())
        .map(Region)
}

/// "ireland" or "europe (ireland)" (folded by [`fold`]) → `eu-west-1`, when exactly one
/// console name contains it.
fn by_console_name(folded: &str) -> Option<Region> {
    if folded.len() < 4 {
        return None;
    }
    let mut matches = REGIONS.iter().filter(|r| fold(r.name).contains(folded));
    let first = matches.next()?;
    matches.next().is_none().then_some(Region(first))
}

/// Lower case and without accents, for comparing names as people type them: "São Paulo"
/// and "SAO PAULO" both become "sao paulo". Only ASCII and the accented Latin-1 letters
/// are folded, which covers every console name and keeps Unicode's tables out of the wasm.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_ascii_lowercase() {
            'à'..='å' | 'À'..='Å' => 'a',
            'ç' | 'Ç' => 'c',
            'è'..='ë' | 'È'..='Ë' => 'e',
            'ì'..='ï' | 'Ì'..='Ï' => 'i',
            'ñ' | 'Ñ' => 'n',
            'ò'..='ö' | 'Ò'..='Ö' => 'o',
            'ù'..='ü' | 'Ù'..='Ü' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            c => c,
        })
        .collect()
}
