//! The EKS fields: the cluster's issuer (IRSA), the namespace and service accounts, the
//! cluster's name, the runner role's name — each checked against the account, region and
//! partition the form has, every problem on its field.

use super::lists::{Entries, Finding, read_list};
use super::quote;
use crate::aws::account::AccountId;
use crate::aws::eks::{
    ClusterName, IssuerError, IssuerNote, KubernetesName, NameKind, OidcIssuer, RUNNER_ROLE_NAME,
};
use crate::aws::partition::Partition;
use crate::aws::region::Region;
use crate::input::problem::{Code, Field, Problem};
use crate::input::request::{EksCredentials, Request};

/// The EKS fields, checked.
pub(crate) struct Eks<'a> {
    pub credentials: EksCredentials,
    /// The issuer, when IRSA is chosen and it is valid and in the form's partition.
    pub issuer: Option<OidcIssuer>,
    /// The namespace, when valid.
    pub namespace: Option<KubernetesName>,
    pub service_accounts: Entries<KubernetesName>,
    /// The cluster's name, when given and valid.
    pub cluster: Option<ClusterName>,
    /// The runner role's name (the default while the field has an error).
    pub runner_role: &'a str,
    /// Whether a field the trust policy is made of has an error: it is then incomplete.
    pub failed: bool,
}

pub(crate) fn read_eks<'a>(
    request: &'a Request,
    account: Option<&AccountId>,
    region: Option<Region>,
    partition: &'static Partition,
    problems: &mut Vec<Problem>,
) -> Eks<'a> {
    let before = problems.len();
    let credentials = request.eks_credentials;
    let issuer = match credentials {
        EksCredentials::Irsa => read_issuer(&request.oidc_issuer, account, region, problems),
        EksCredentials::PodIdentity => {
            pod_identity_notes(partition, problems);
            None
        }
    };
    let namespace = read_namespace(&request.kubernetes_namespace, problems);
    let service_accounts = read_list(
        &request.service_accounts,
        Field::ServiceAccounts,
        problems,
        |entry| {
            let name = KubernetesName::parse(entry, NameKind::ServiceAccount).map_err(|error| {
                Finding::new(
                    Code::ServiceAccountInvalid,
                    format!("{} {error}", quote(entry)),
                )
            })?;
            let findings = if name.has_wildcard() {
                vec![Finding::new(
                    Code::ServiceAccountWildcard,
                    format!(
                        "{} is a pattern: every service account of the namespace whose name it matches may assume the runner role, and anyone who can create one there gets the role's permissions. Name the service accounts instead.",
                        quote(entry)
                    ),
                )]
            } else {
                Vec::new()
            };
            Ok((name, findings))
        },
        |name| name.as_str().to_owned(),
    );
    if service_accounts.items.is_empty() && !service_accounts.failed {
        problems.push(Problem::new(
            Field::ServiceAccounts,
            Code::ServiceAccountsMissing,
            "Add the runner's service account: matillion-runner-sa, as Matillion's Helm chart names it.",
        ));
    }
    let cluster_text = request.cluster_name.trim();
    let cluster = if cluster_text.is_empty() {
        None
    } else {
        match ClusterName::parse(cluster_text) {
            Ok(cluster) => Some(cluster),
            Err(error) => {
                problems.push(Problem::new(
                    Field::ClusterName,
                    Code::ClusterNameInvalid,
                    error.to_string(),
                ));
                None
            }
        }
    };
    let runner_role = super::read_role_name(
        &request.runner_role_name,
        Field::RunnerRoleName,
        RUNNER_ROLE_NAME,
        problems,
    );
    let failed = problems[before..]
        .iter()
        .any(|p| p.severity == crate::input::Severity::Error && p.field != Field::RunnerRoleName);
    Eks {
        credentials,
        issuer,
        namespace,
        service_accounts,
        cluster,
        runner_role,
        failed,
    }
}

fn read_issuer(
    text: &str,
    account: Option<&AccountId>,
    region: Option<Region>,
    problems: &mut Vec<Problem>,
) -> Option<OidcIssuer> {
    let (issuer, note) = match OidcIssuer::read(text) {
        Ok(read) => read,
        Err(error) => {
            let code = match error {
                IssuerError::Missing => Code::OidcIssuerMissing,
                IssuerError::ClusterArn { .. } => Code::OidcIssuerClusterArn,
                IssuerError::ApiEndpoint => Code::OidcIssuerApiEndpoint,
                IssuerError::NoId
                | IssuerError::UnknownRegion(_)
                | IssuerError::WrongDomain { .. }
                | IssuerError::ArnMismatch(_)
                | IssuerError::NotAnIssuer => Code::OidcIssuerInvalid,
            };
            problems.push(Problem::new(Field::OidcIssuer, code, error.to_string()));
            return None;
        }
    };
    if note == Some(IssuerNote::FromProviderArn) {
        problems.push(
            Problem::new(
                Field::OidcIssuer,
                Code::OidcIssuerFromArn,
                format!(
                    "Read the issuer {} from the provider's ARN.",
                    issuer.host_path()
                ),
            )
            .suggesting(issuer.url()),
        );
    }
    if let Some(region) = region {
        if issuer.partition() != region.partition() {
            problems.push(Problem::new(
                Field::OidcIssuer,
                Code::OidcIssuerOtherPartition,
                format!(
                    "The cluster is in {} ({}), but the region {} is in {}: an IAM role trusts only providers of its own partition. Check the region, or the cluster.",
                    issuer.region().code(),
                    issuer.partition().name,
                    region.code(),
                    region.partition().name
                ),
            ));
            return None;
        }
        if issuer.region() != region {
            problems.push(Problem::new(
                Field::OidcIssuer,
                Code::OidcIssuerOtherRegion,
                format!(
                    "The cluster is in {}, the form's region is {}: the trust policy names the cluster's issuer, and the permissions grant the secrets in {}. Check that is where they are.",
                    issuer.region().code(),
                    region.code(),
                    region.code()
                ),
            ));
        }
    }
    if let (Some(from_arn), Some(account)) = (issuer.account(), account)
        && from_arn != account.as_str()
    {
        problems.push(Problem::new(
            Field::OidcIssuer,
            Code::OidcProviderOtherAccount,
            format!(
                "The provider's ARN is in account {from_arn}, the form's account is {}: a role trusts only an OIDC provider of its own account. In {}, register the cluster's issuer as an identity provider (a cross-account cluster needs one there), or correct the account.",
                account.as_str(),
                account.as_str()
            ),
        ));
    }
    Some(issuer)
}

fn read_namespace(text: &str, problems: &mut Vec<Problem>) -> Option<KubernetesName> {
    match KubernetesName::parse(text, NameKind::Namespace) {
        Ok(name) => {
            if name.has_wildcard() {
                problems.push(Problem::new(
                    Field::KubernetesNamespace,
                    Code::KubernetesNamespaceWildcard,
                    format!(
                        "The namespace {} is a pattern: the runner's service account names in any namespace it matches may assume the runner role, and anyone who can create a service account of that name there gets the role's permissions. Type the namespace the runner is installed in.",
                        quote(text.trim())
                    ),
                ));
            }
            Some(name)
        }
        Err(error) => {
            let problem = Problem::new(
                Field::KubernetesNamespace,
                Code::KubernetesNamespaceInvalid,
                format!("{} {error}", quote(text.trim())),
            );
            problems.push(match error.suggestion() {
                Some(lower) => problem.suggesting(lower),
                None => problem,
            });
            None
        }
    }
}

/// What the builder knows of Pod Identity's reach, said on the choice.
fn pod_identity_notes(partition: &'static Partition, problems: &mut Vec<Problem>) {
    problems.push(Problem::new(
        Field::EksCredentials,
        Code::PodIdentityNotOnFargate,
        "EKS Pod Identity does not work for pods on Fargate (nor on Windows nodes): Matillion's EKS module runs the runner on Fargate, so choose IRSA unless the runner's pods run on EC2 nodes with the Pod Identity Agent add-on.",
    ));
    if partition.id != "aws" {
        problems.push(Problem::new(
            Field::EksCredentials,
            Code::PodIdentityPartitionUnconfirmed,
            format!(
                "AWS does not document EKS Pod Identity in {}: check it is available there before relying on it, or choose IRSA.",
                partition.name
            ),
        ));
    }
}
