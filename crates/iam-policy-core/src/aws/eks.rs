//! Amazon EKS names the runner role's trust policy is made of, each valid once built: the
//! cluster's OpenID Connect issuer (read from every spelling people paste: the console's
//! URL, without `https://`, with a trailing slash, as the IAM provider's ARN), Kubernetes
//! namespace and service account names (Kubernetes' DNS-1123 rules), EKS cluster names,
//! and the principals and audience IRSA and Pod Identity use.

use super::partition::Partition;
use super::region::Region;
use std::fmt;

/// The audience EKS's pod identity webhook requests for IRSA tokens, and the one the IAM
/// OIDC provider lists — in China too (eksctl issue 1910: the `.cn` form fails).
pub const STS_AUDIENCE: &str = "sts.amazonaws.com";

/// The service principal EKS Pod Identity assumes roles as. AWS documents the commercial
/// name only; the builder uses it in every partition (an assumption, said on the choice).
pub const POD_IDENTITY_PRINCIPAL: &str = "pods.eks.amazonaws.com";

/// The default name of the runner's role: Matillion's runner-identity module names it
/// `<name>-runner-role`.
pub const RUNNER_ROLE_NAME: &str = "matillion-runner-role";

/// The namespace Matillion's Helm chart is installed in.
pub const RUNNER_NAMESPACE: &str = "matillion";

/// The service account Matillion's Helm chart gives the runner ("The AWS trust policy
/// hard-codes matillion-runner-sa").
pub const RUNNER_SERVICE_ACCOUNT: &str = "matillion-runner-sa";

/// Where the console shows the issuer, and the CLI call that prints it: every message
/// about the issuer field ends with it.
const WHERE_TO_FIND: &str = "EKS console → Clusters → your cluster → Overview → Details shows the OpenID Connect provider URL";

/// The provider ID's length limit. AWS does not specify the ID's format; its examples are
/// 32 upper-case hexadecimal characters (and the documentation's placeholder
/// `EXAMPLED539D4633E53DE1B71EXAMPLE`), so letters and digits of any case are read.
const ID_LIMIT: usize = 64;

/// An EKS cluster's OpenID Connect issuer: `oidc.eks.<region>.<dns suffix>/id/<ID>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OidcIssuer {
    /// Host and path, the condition keys' prefix: the host in lower case, the ID as typed.
    host_path: String,
    region: Region,
    /// The account of the IAM provider ARN it was read from.
    account: Option<String>,
}

/// How an issuer was read, when that is worth saying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssuerNote {
    /// From the IAM OIDC provider's ARN.
    FromProviderArn,
}

/// Why text is not an EKS OIDC issuer, with what it is instead when that can be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssuerError {
    /// Occurs when the field is empty.
    Missing,
    /// Occurs when the cluster's ARN was pasted; its name and region, when valid, let the
    /// message give the command that prints the issuer.
    ClusterArn {
        /// The cluster's name, when EKS would accept it.
        cluster: Option<String>,
        /// The ARN's region, when known.
        region: Option<Region>,
    },
    /// Occurs when the cluster's API server endpoint was pasted.
    ApiEndpoint,
    /// Occurs when the URL stops before `/id/<ID>`, or its ID is not letters and digits.
    NoId,
    /// Occurs when the host names a region the builder does not know.
    UnknownRegion(String),
    /// Occurs when the host's domain is not its region's (`.amazonaws.com` in China).
    WrongDomain {
        /// The region the host names.
        region: Region,
    },
    /// Occurs when a provider ARN's partition is not the issuer's region's, or its account
    /// is not twelve digits.
    ArnMismatch(String),
    /// Occurs for anything else.
    NotAnIssuer,
}

impl fmt::Display for IssuerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shape = "https://oidc.eks.<region>.amazonaws.com/id/<ID>";
        match self {
            IssuerError::Missing => write!(
                f,
                "Enter the cluster's OpenID Connect provider URL ({shape}): {WHERE_TO_FIND}."
            ),
            IssuerError::ClusterArn { cluster, region } => {
                write!(
                    f,
                    "This is the cluster's ARN, not its OpenID Connect provider URL ({shape})."
                )?;
                match (cluster, region) {
                    (Some(cluster), Some(region)) => write!(
                        f,
                        " Print it with aws eks describe-cluster --name {} --region {} --query cluster.identity.oidc.issuer --output text, or see the cluster's Overview tab.",
                        crate::text::shell_quoted(cluster),
                        crate::text::shell_quoted(region.code())
                    ),
                    _ => write!(f, " {WHERE_TO_FIND}."),
                }
            }
            IssuerError::ApiEndpoint => write!(
                f,
                "This is the cluster's API server endpoint, not its OpenID Connect provider URL ({shape}), which the Details panel shows just below it."
            ),
            IssuerError::NoId => write!(
                f,
                "An OpenID Connect provider URL ends in /id/ and the cluster's ID, letters and digits ({shape}): copy the whole URL. {WHERE_TO_FIND}."
            ),
            IssuerError::UnknownRegion(region) => write!(
                f,
                "This OpenID Connect provider URL names the region {}, which is not one the builder knows: copy the URL again. {WHERE_TO_FIND}.",
                crate::text::chars::quote(region)
            ),
            IssuerError::WrongDomain { region } => write!(
                f,
                "An OpenID Connect provider URL in {} ends in {}, not this domain: copy the URL again. {WHERE_TO_FIND}.",
                region.code(),
                region.partition().dns_suffix
            ),
            IssuerError::ArnMismatch(why) => write!(
                f,
                "This OpenID Connect provider ARN {why}: copy the provider's ARN again from IAM → Identity providers, or the OpenID Connect provider URL ({WHERE_TO_FIND})."
            ),
            IssuerError::NotAnIssuer => write!(
                f,
                "This is not an EKS OpenID Connect provider URL, which looks like {shape}. {WHERE_TO_FIND}."
            ),
        }
    }
}

impl OidcIssuer {
    /// Reads an issuer as people paste it.
    ///
    /// ```
    /// use iam_policy_core::aws::eks::OidcIssuer;
    /// let (issuer, _) = OidcIssuer::read(" https://oidc.eks.eu-west-1.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128/ ").unwrap();
    /// assert_eq!(issuer.host_path(), "oidc.eks.eu-west-1.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128");
    /// assert_eq!(
    ///     issuer.provider_arn("123456789012"),
    ///     "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/D43CF17C27A865933144EA99A26FB128"
    /// );
    /// ```
    pub fn read(text: &str) -> Result<(OidcIssuer, Option<IssuerNote>), IssuerError> {
        let text = text.trim().trim_matches(['"', '\'']).trim();
        if text.is_empty() {
            return Err(IssuerError::Missing);
        }
        if let Some(rest) = text.strip_prefix("arn:") {
            return Self::read_arn(rest).map(|issuer| (issuer, Some(IssuerNote::FromProviderArn)));
        }
        Self::read_url(text, None).map(|issuer| (issuer, None))
    }

    fn read_arn(rest: &str) -> Result<OidcIssuer, IssuerError> {
        let fields: Vec<&str> = rest.splitn(5, ':').collect();
        let [partition, service, region, account, resource] = fields[..] else {
            return Err(IssuerError::NotAnIssuer);
        };
        if service == "eks"
            && let Some(cluster) = resource.strip_prefix("cluster/")
        {
            return Err(IssuerError::ClusterArn {
                cluster: ClusterName::parse(cluster).ok().map(|c| c.0),
                region: Region::lookup(region),
            });
        }
        let Some(host_path) = resource
            .strip_prefix("oidc-provider/")
            .filter(|_| service == "iam")
        else {
            return Err(IssuerError::NotAnIssuer);
        };
        if account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()) {
            return Err(IssuerError::ArnMismatch(format!(
                "has {} where the account's 12 digits go",
                crate::text::chars::quote(account)
            )));
        }
        let issuer = Self::read_url(host_path, Some(account))?;
        let expected = issuer.partition().id;
        if partition != expected {
            return Err(IssuerError::ArnMismatch(format!(
                "is in the partition {}, but an issuer in {} belongs to {expected}",
                crate::text::chars::quote(partition),
                issuer.region.code()
            )));
        }
        Ok(issuer)
    }

    fn read_url(text: &str, account: Option<&str>) -> Result<OidcIssuer, IssuerError> {
        let without_scheme = match text.get(..8) {
            Some(scheme) if scheme.eq_ignore_ascii_case("https://") => &text[8..],
            _ => text,
        };
        let trimmed = without_scheme.trim_end_matches('/');
        let (host, path) = trimmed.split_once('/').unwrap_or((trimmed, ""));
        let host = host.to_ascii_lowercase();
        let Some(rest) = host.strip_prefix("oidc.eks.") else {
            // `<id>.<gr>.<region>.eks.amazonaws.com`; an `oidc.<region>.eks…` host is the
            // webhook README's misprint of the issuer, not an endpoint.
            let endpoint =
                host.ends_with(".eks.amazonaws.com") || host.ends_with(".eks.amazonaws.com.cn");
            if endpoint && !host.starts_with("oidc.") {
                return Err(IssuerError::ApiEndpoint);
            }
            return Err(IssuerError::NotAnIssuer);
        };
        let (region_code, domain) = rest.split_once('.').ok_or(IssuerError::NotAnIssuer)?;
        let region = Region::lookup(region_code)
            .ok_or_else(|| IssuerError::UnknownRegion(region_code.to_owned()))?;
        if domain != region.partition().dns_suffix {
            return Err(IssuerError::WrongDomain { region });
        }
        let id = path.strip_prefix("id/").ok_or(IssuerError::NoId)?;
        if id.is_empty() || id.len() > ID_LIMIT || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(IssuerError::NoId);
        }
        Ok(OidcIssuer {
            host_path: [host.as_str(), "/id/", id].concat(),
            region,
            account: account.map(str::to_owned),
        })
    }

    /// Host and path: the IAM provider's name and the prefix of its condition keys
    /// (`<host/path>:sub`), never the ARN and never with `https://`.
    pub fn host_path(&self) -> &str {
        &self.host_path
    }

    /// The provider's ID, the path's last part.
    pub fn id(&self) -> &str {
        self.host_path.rsplit('/').next().unwrap_or_default()
    }

    /// The cluster's region.
    pub fn region(&self) -> Region {
        self.region
    }

    /// The partition its region is in.
    pub fn partition(&self) -> &'static Partition {
        self.region.partition()
    }

    /// The account of the provider ARN it was read from, if it was.
    pub fn account(&self) -> Option<&str> {
        self.account.as_deref()
    }

    /// The IAM OIDC provider's ARN in `account`.
    pub fn provider_arn(&self, account: &str) -> String {
        [
            "arn:",
            self.partition().id,
            ":iam::",
            account,
            ":oidc-provider/",
            &self.host_path,
        ]
        .concat()
    }

    /// The console URL the issuer is, as the EKS console shows it.
    pub fn url(&self) -> String {
        ["https://", &self.host_path].concat()
    }
}

/// What a Kubernetes name is for, which decides its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A namespace: a DNS-1123 label, at most 63 characters.
    Namespace,
    /// A service account: a DNS-1123 subdomain, at most 253 characters.
    ServiceAccount,
}

impl NameKind {
    fn limit(self) -> usize {
        match self {
            NameKind::Namespace => 63,
            NameKind::ServiceAccount => 253,
        }
    }

    fn what(self) -> &'static str {
        match self {
            NameKind::Namespace => "a namespace",
            NameKind::ServiceAccount => "a service account name",
        }
    }

    fn allowed(self) -> &'static str {
        match self {
            NameKind::Namespace => "lower-case letters, digits and -",
            NameKind::ServiceAccount => "lower-case letters, digits, - and .",
        }
    }
}

/// A namespace or service account name Kubernetes accepts, or a pattern of one with the
/// `*` and `?` the person typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KubernetesName(String);

/// Why Kubernetes would refuse a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameError {
    /// Occurs when it is empty.
    Empty(NameKind),
    /// Occurs when it is longer than its kind allows.
    TooLong {
        /// Its kind.
        kind: NameKind,
        /// How long it is.
        length: usize,
    },
    /// Occurs for a character its kind does not allow; `lower` is the name in lower case
    /// when that is all that is wrong.
    InvalidCharacter {
        /// Its kind.
        kind: NameKind,
        /// The character.
        character: char,
        /// Its 1-based position.
        position: usize,
        /// The name in lower case, when that one is valid.
        lower: Option<String>,
    },
    /// Occurs when a label starts or ends with `-` or `.`.
    Edge(NameKind),
}

impl NameError {
    /// The name in lower case, when only its capitals are wrong.
    pub fn suggestion(&self) -> Option<&str> {
        match self {
            NameError::InvalidCharacter { lower, .. } => lower.as_deref(),
            _ => None,
        }
    }
}

/// Said after the name, quoted: "“Matillion” cannot hold “M” (position 1): …".
impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameError::Empty(kind) => write!(f, "is empty: {} needs one.", kind.what()),
            NameError::TooLong { kind, length } => write!(
                f,
                "has {length} characters: {} has at most {}.",
                kind.what(),
                kind.limit()
            ),
            NameError::InvalidCharacter {
                kind,
                character,
                position,
                ..
            } => write!(
                f,
                "cannot hold {} (position {position}): Kubernetes allows {} in {}.",
                crate::text::chars::describe(*character),
                kind.allowed(),
                kind.what()
            ),
            NameError::Edge(kind) => write!(
                f,
                "must start and end with a lower-case letter or digit{}.",
                if *kind == NameKind::ServiceAccount {
                    ", as must each part between dots"
                } else {
                    ""
                }
            ),
        }
    }
}

impl KubernetesName {
    /// Reads a name of `kind`, trimmed. `*` and `?` are kept as typed (the trust policy then
    /// matches with `StringLike`); the rest must follow Kubernetes' rules.
    ///
    /// ```
    /// use iam_policy_core::aws::eks::{KubernetesName, NameKind};
    /// assert!(KubernetesName::parse("matillion-runner-sa", NameKind::ServiceAccount).is_ok());
    /// assert!(KubernetesName::parse("Matillion", NameKind::Namespace).is_err());
    /// assert!(KubernetesName::parse("*", NameKind::Namespace).unwrap().has_wildcard());
    /// ```
    pub fn parse(text: &str, kind: NameKind) -> Result<KubernetesName, NameError> {
        let name = text.trim();
        check(name, kind).map_err(|error| match error {
            NameError::InvalidCharacter {
                kind,
                character,
                position,
                ..
            } => {
                let lower = name.to_ascii_lowercase();
                NameError::InvalidCharacter {
                    kind,
                    character,
                    position,
                    lower: (lower != name && check(&lower, kind).is_ok()).then_some(lower),
                }
            }
            other => other,
        })?;
        Ok(KubernetesName(name.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether it holds a `*` or `?`, and so matches other names too.
    pub fn has_wildcard(&self) -> bool {
        self.0.contains(['*', '?'])
    }
}

/// Kubernetes' rules, a wildcard standing for any valid character.
fn check(name: &str, kind: NameKind) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty(kind));
    }
    let length = name.chars().count();
    if length > kind.limit() {
        return Err(NameError::TooLong { kind, length });
    }
    let dots = kind == NameKind::ServiceAccount;
    if let Some((i, c)) = name.chars().enumerate().find(|(_, c)| {
        !(c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || matches!(c, '-' | '*' | '?')
            || (dots && *c == '.'))
    }) {
        return Err(NameError::InvalidCharacter {
            kind,
            character: c,
            position: i + 1,
            lower: None,
        });
    }
    let edge = |label: &str| label.starts_with('-') || label.ends_with('-') || label.is_empty();
    if name.split('.').any(edge) {
        return Err(NameError::Edge(kind));
    }
    Ok(())
}

/// An EKS cluster name: 1–100 of letters, digits, `-` and `_`, starting with a letter or
/// digit (the EKS CreateCluster API's `name` pattern).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterName(String);

/// Why EKS would refuse a cluster name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterNameError(String);

impl fmt::Display for ClusterNameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ClusterName {
    const LIMIT: usize = 100;

    /// Reads a cluster name, trimmed.
    pub fn parse(text: &str) -> Result<ClusterName, ClusterNameError> {
        let name = text.trim();
        let length = name.chars().count();
        if length > Self::LIMIT {
            return Err(ClusterNameError(format!(
                "An EKS cluster name has at most {} characters; this one has {length}.",
                Self::LIMIT
            )));
        }
        if let Some((i, c)) = name
            .chars()
            .enumerate()
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_')))
        {
            return Err(ClusterNameError(format!(
                "An EKS cluster name cannot hold {} (position {}): letters, digits, - and _ only.",
                crate::text::chars::describe(c),
                i + 1
            )));
        }
        if !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            return Err(ClusterNameError(
                "An EKS cluster name starts with a letter or digit.".to_owned(),
            ));
        }
        Ok(ClusterName(name.to_owned()))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_account_name_is_a_dns_subdomain_and_a_namespace_a_label() {
        assert!(KubernetesName::parse("runner.v2", NameKind::ServiceAccount).is_ok());
        assert!(KubernetesName::parse("runner.v2", NameKind::Namespace).is_err());
        assert!(KubernetesName::parse("runner..v2", NameKind::ServiceAccount).is_err());
        assert!(KubernetesName::parse(&"a".repeat(253), NameKind::ServiceAccount).is_ok());
        assert!(KubernetesName::parse(&"a".repeat(254), NameKind::ServiceAccount).is_err());
        let error = KubernetesName::parse("Runner_SA", NameKind::ServiceAccount).unwrap_err();
        assert_eq!(error.suggestion(), None, "lower case would still hold _");
        let error = KubernetesName::parse("Matillion", NameKind::Namespace).unwrap_err();
        assert_eq!(error.suggestion(), Some("matillion"));
    }

    #[test]
    fn an_issuer_keeps_its_id_as_typed_and_its_host_in_lower_case() {
        let (issuer, note) =
            OidcIssuer::read("OIDC.EKS.US-EAST-1.AMAZONAWS.COM/id/abcDEF").unwrap();
        assert_eq!(
            issuer.host_path(),
            "oidc.eks.us-east-1.amazonaws.com/id/abcDEF"
        );
        assert_eq!(note, None);
        assert_eq!(issuer.id(), "abcDEF");
    }
}
