//! On Amazon EKS: the runner role's trust policy (IRSA's web identity, or EKS Pod
//! Identity) and its one permissions policy — what the ECS task role and execution role
//! grant together, since on EKS the runner's own role reads the agent's secrets.

use super::execution::{kms_statement, read_secrets, secret_resources};
use super::role_arn;
use super::task_permissions::{bucket_statements, list_secrets};
use crate::aws::console::RoleTab;
use crate::aws::eks::{POD_IDENTITY_PRINCIPAL, STS_AUDIENCE};
use crate::aws::secret::SecretRef;
use crate::input::request::EksCredentials;
use crate::model::policy::{OneOrMany, PolicyDocument, Sid, Statement};
use crate::model::{Document, DocumentId, Placement};
use crate::read::form::{Eks, Form};
use crate::text::shell_quoted;

/// Stands in for the issuer's host/path while the issuer field has an error.
pub const ISSUER_PLACEHOLDER: &str = "<oidc-issuer>";
/// Stands in for the namespace while it has an error.
pub const NAMESPACE_PLACEHOLDER: &str = "<namespace>";
/// Stands in for the service accounts while none is valid.
pub const SERVICE_ACCOUNT_PLACEHOLDER: &str = "<service-account>";
/// A name that says what the permissions policy is for; Matillion's docs do not name it.
pub const POLICY_NAME: &str = "MatillionRunnerPermissions";
/// The action IRSA assumes a role with.
pub const ASSUME_ROLE_WITH_WEB_IDENTITY: &str = "sts:AssumeRoleWithWebIdentity";
/// The Sid AWS's own Pod Identity trust policy carries.
const POD_IDENTITY_SID: Sid = Sid::new("AllowEksAuthToAssumeRoleForPodIdentity");
const LIST_SID: Sid = Sid::new("ListSecrets");
const SECRETS_SID: Sid = Sid::new("ReadAgentSecrets");
const KMS_SID: Sid = Sid::new("DecryptAgentSecrets");

/// Who the trust policy names, with placeholders for what is in error.
struct Subjects<'a> {
    namespace: &'a str,
    accounts: Vec<&'a str>,
    /// Whether a typed `*` or `?` makes these patterns (`StringLike`).
    namespace_like: bool,
    accounts_like: bool,
}

impl<'a> Subjects<'a> {
    fn of(eks: &'a Eks<'a>) -> Self {
        let namespace = eks.namespace.as_ref();
        let mut accounts: Vec<&str> = eks
            .service_accounts
            .items
            .iter()
            .map(|a| a.as_str())
            .collect();
        if accounts.is_empty() {
            accounts.push(SERVICE_ACCOUNT_PLACEHOLDER);
        }
        Subjects {
            namespace: namespace.map_or(NAMESPACE_PLACEHOLDER, |n| n.as_str()),
            namespace_like: namespace.is_some_and(|n| n.has_wildcard()),
            accounts_like: eks.service_accounts.items.iter().any(|a| a.has_wildcard()),
            accounts,
        }
    }

    /// `system:serviceaccount:<namespace>:<name>`, one per service account.
    fn irsa(&self) -> Vec<String> {
        self.accounts
            .iter()
            .map(|account| ["system:serviceaccount:", self.namespace, ":", account].concat())
            .collect()
    }
}

fn one_or_many(mut values: Vec<String>) -> OneOrMany<String> {
    if values.len() == 1 {
        OneOrMany::One(values.remove(0))
    } else {
        OneOrMany::Many(values)
    }
}

fn operator(like: bool) -> &'static str {
    if like { "StringLike" } else { "StringEquals" }
}

/// The runner's subjects, as the web-identity merge adds them to a pasted policy, with
/// the provider's ARN and the issuer's host/path; `None` off EKS, with Pod Identity, or
/// while the issuer, the namespace or the service accounts have errors.
pub(crate) fn web_identity_subjects(form: &Form) -> Option<(String, String, Vec<String>, bool)> {
    let eks = form.eks.as_ref()?;
    let issuer = eks.issuer.as_ref()?;
    let account = form.account.as_ref()?;
    if eks.credentials != EksCredentials::Irsa
        || eks.namespace.is_none()
        || eks.service_accounts.items.is_empty()
    {
        return None;
    }
    let subjects = Subjects::of(eks);
    let like = subjects.namespace_like || subjects.accounts_like;
    Some((
        issuer.provider_arn(account.as_str()),
        issuer.host_path().to_owned(),
        subjects.irsa(),
        like,
    ))
}

/// The runner role's trust policy; `None` off EKS.
pub(crate) fn runner_trust_policy(form: &Form) -> Option<Document> {
    let eks = form.eks.as_ref()?;
    let place = form.place();
    let subjects = Subjects::of(eks);
    let (statement, complete) = match eks.credentials {
        EksCredentials::Irsa => {
            let (host, provider) = match &eks.issuer {
                Some(issuer) => (
                    issuer.host_path().to_owned(),
                    issuer.provider_arn(place.account),
                ),
                None => (
                    ISSUER_PLACEHOLDER.to_owned(),
                    [
                        "arn:",
                        place.partition,
                        ":iam::",
                        place.account,
                        ":oidc-provider/",
                        ISSUER_PLACEHOLDER,
                    ]
                    .concat(),
                ),
            };
            let like = subjects.namespace_like || subjects.accounts_like;
            let statement = Statement::allow(OneOrMany::One(ASSUME_ROLE_WITH_WEB_IDENTITY))
                .federated(provider)
                .when(
                    "StringEquals",
                    [host.as_str(), ":aud"].concat(),
                    OneOrMany::One(STS_AUDIENCE.to_owned()),
                )
                .when(
                    operator(like),
                    [host.as_str(), ":sub"].concat(),
                    one_or_many(subjects.irsa()),
                );
            (statement, eks.issuer.is_some() && form.account.is_some())
        }
        EksCredentials::PodIdentity => {
            let mut statement =
                Statement::allow(OneOrMany::Many(vec!["sts:AssumeRole", "sts:TagSession"]))
                    .by(OneOrMany::One(POD_IDENTITY_PRINCIPAL))
                    .when(
                        operator(subjects.namespace_like),
                        "aws:RequestTag/kubernetes-namespace",
                        OneOrMany::One(subjects.namespace.to_owned()),
                    )
                    .when(
                        operator(subjects.accounts_like),
                        "aws:RequestTag/kubernetes-service-account",
                        one_or_many(subjects.accounts.iter().map(|a| (*a).to_owned()).collect()),
                    );
            // Cluster names are not unique across accounts: the ARN is (BP-iam).
            if let Some(cluster) = &eks.cluster {
                statement = statement.when(
                    "StringEquals",
                    "aws:RequestTag/eks-cluster-arn",
                    OneOrMany::One(cluster_arn(form, cluster.as_str())),
                );
            }
            statement.sid = Some(POD_IDENTITY_SID);
            let complete = eks.cluster.is_none() || form.place_is_valid();
            (statement, complete)
        }
    };
    let complete = complete && !eks.failed;
    let policy = PolicyDocument::new(vec![statement]);
    Some(Document {
        complete,
        placeholders: !complete,
        ..super::written(
            DocumentId::RunnerRoleTrustPolicy,
            policy,
            Placement {
                steps: runner_trust_steps(form, eks, TrustEdit::New),
                policy_name: None,
                managed_policies: Vec::new(),
                console_url: form.role_url(eks.runner_role, RoleTab::Trust),
            },
        )
    })
}

/// `arn:<partition>:eks:<region>:<account>:cluster/<name>`, placeholders for what is in
/// error.
fn cluster_arn(form: &Form, cluster: &str) -> String {
    let place = form.place();
    [
        "arn:",
        place.partition,
        ":eks:",
        place.region,
        ":",
        place.account,
        ":cluster/",
        cluster,
    ]
    .concat()
}

/// The service accounts a command may name: valid and without a wildcard.
fn named_accounts<'a>(eks: &'a Eks<'a>) -> Vec<&'a str> {
    eks.service_accounts
        .items
        .iter()
        .filter(|a| !a.has_wildcard())
        .map(|a| a.as_str())
        .collect()
}

/// What the person does with the trust policy: create the role with it, or paste it over
/// the one their role has (changed, needing nothing, or blocked by a `Deny`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TrustEdit {
    /// A new role.
    New,
    /// The pasted policy with the runner's service accounts added.
    Changed,
    /// The pasted policy already lets them in.
    Unchanged,
    /// A `Deny` in the pasted policy must go first.
    Blocked,
}

/// The trust policy's console steps and commands.
pub(crate) fn runner_trust_steps(form: &Form, eks: &Eks, edit: TrustEdit) -> Vec<String> {
    match eks.credentials {
        EksCredentials::Irsa => irsa_steps(form, eks, edit),
        EksCredentials::PodIdentity => pod_identity_steps(form, eks),
    }
}

/// The steps for the role's own trust relationships when it exists.
fn existing_role_steps(role: &str, edit: TrustEdit) -> Vec<String> {
    let mut steps = vec![format!(
        "In the IAM console, open Roles → {role} → Trust relationships and choose Edit trust policy."
    )];
    steps.push(match edit {
        TrustEdit::Unchanged => "It already holds everything below: there is nothing to paste.".to_owned(),
        TrustEdit::Blocked => "Remove or narrow the Deny statement named above, then copy the policy again and paste it here.".to_owned(),
        TrustEdit::New | TrustEdit::Changed => "Replace everything in the editor with this document — your policy with the changes listed, nothing removed — and choose Update policy.".to_owned(),
    });
    steps
}

/// Every command is written from validated values only, each quoted for a POSIX shell.
fn irsa_steps(form: &Form, eks: &Eks, edit: TrustEdit) -> Vec<String> {
    let role = eks.runner_role;
    let mut steps = Vec::new();
    match (&eks.issuer, &form.account) {
        (Some(issuer), Some(account)) => {
            steps.push(format!(
                "Check the cluster's OpenID Connect provider is registered in IAM (once per cluster): IAM → Identity providers lists {}. Or run aws iam get-open-id-connect-provider --open-id-connect-provider-arn {} — NoSuchEntity means it is not.",
                issuer.host_path(),
                shell_quoted(&issuer.provider_arn(account.as_str()))
            ));
            let console = format!(
                "in IAM → Identity providers choose Add provider → OpenID Connect, with the provider URL {} and the audience {STS_AUDIENCE}",
                issuer.url()
            );
            steps.push(match &eks.cluster {
                Some(cluster) => format!(
                    "To register it, run eksctl utils associate-iam-oidc-provider --cluster {} --region {} --approve, or {console}.",
                    shell_quoted(cluster.as_str()),
                    shell_quoted(issuer.region().code())
                ),
                None => format!(
                    "To register it, {console} (or enter the cluster's name above for the eksctl command)."
                ),
            });
        }
        _ => steps.push(
            "Check the cluster's OpenID Connect provider is registered in IAM → Identity providers (once per cluster); register it there (Add provider → OpenID Connect, audience sts.amazonaws.com) if not.".to_owned(),
        ),
    }
    if edit == TrustEdit::New {
        steps.push(format!(
            "Create the role: IAM → Roles → Create role → Web identity; choose the cluster's provider as the Identity provider and {STS_AUDIENCE} as the Audience, then Next, Next, name it {role} and choose Create role."
        ));
        steps.push(
            "Open the role's Trust relationships tab, choose Edit trust policy, replace everything in the editor with this document — it adds the :sub line the wizard leaves out — and choose Update policy.".to_owned(),
        );
    } else {
        steps.extend(existing_role_steps(role, edit));
    }
    let names = named_accounts(eks);
    match (role_arn(form, role), &eks.namespace) {
        (Some(arn), Some(namespace)) if !namespace.has_wildcard() && !names.is_empty() => {
            let annotation = shell_quoted(&["eks.amazonaws.com/role-arn=", &arn].concat());
            for account in names {
                steps.push(format!(
                    "Annotate the service account with the role's ARN: kubectl annotate serviceaccount --namespace {} {} {annotation}",
                    shell_quoted(namespace.as_str()),
                    shell_quoted(account)
                ));
            }
            steps.push(format!(
                "With Matillion's Helm chart, set serviceAccount.roleArn (and scriptRunner.serviceAccount.roleArn for the script runner) to {arn} instead. Then restart the runner's pods: running pods keep the credentials they started with."
            ));
        }
        _ => steps.push(
            "Annotate each service account with eks.amazonaws.com/role-arn set to the role's ARN — with Matillion's Helm chart, set serviceAccount.roleArn — then restart the runner's pods.".to_owned(),
        ),
    }
    steps
}

fn pod_identity_steps(form: &Form, eks: &Eks) -> Vec<String> {
    let role = eks.runner_role;
    let region = form.region.map(|r| r.code());
    let mut steps = Vec::new();
    match (&eks.cluster, region) {
        (Some(cluster), Some(region)) => steps.push(format!(
            "Install the EKS Pod Identity Agent add-on if the cluster has not got it: aws eks create-addon --cluster-name {} --region {} --addon-name eks-pod-identity-agent",
            shell_quoted(cluster.as_str()),
            shell_quoted(region)
        )),
        _ => steps.push(
            "Install the EKS Pod Identity Agent add-on (eks-pod-identity-agent) if the cluster has not got it: EKS console → the cluster → Add-ons.".to_owned(),
        ),
    }
    steps.push(format!(
        "Create the role: IAM → Roles → Create role → AWS service → EKS → EKS - Pod Identity, then Next, Next, name it {role} and choose Create role. Open its Trust relationships tab, choose Edit trust policy, replace everything with this document and choose Update policy."
    ));
    let names = named_accounts(eks);
    let namespace = eks.namespace.as_ref().filter(|n| !n.has_wildcard());
    match (&eks.cluster, region, role_arn(form, role), namespace) {
        (Some(cluster), Some(region), Some(arn), Some(namespace)) if !names.is_empty() => {
            for account in names {
                steps.push(format!(
                    "Associate the role with the service account: aws eks create-pod-identity-association --cluster-name {} --region {} --namespace {} --service-account {} --role-arn {}",
                    shell_quoted(cluster.as_str()),
                    shell_quoted(region),
                    shell_quoted(namespace.as_str()),
                    shell_quoted(account),
                    shell_quoted(&arn)
                ));
            }
        }
        _ => steps.push(
            "Associate the role with each service account: EKS console → the cluster → Access → Pod Identity associations → Create.".to_owned(),
        ),
    }
    steps.push(
        "Restart the runner's pods: running pods keep the credentials they started with."
            .to_owned(),
    );
    steps
}

/// The runner role's permissions policy; `None` off EKS. `secret_arns` and
/// `runtime_secret_arns` are the lists' resources, as reading them built them.
pub(crate) fn runner_permissions_policy(
    form: &Form,
    secret_arns: Vec<String>,
    runtime_secret_arns: Vec<String>,
) -> Option<Document> {
    let eks = form.eks.as_ref()?;
    let mut uses_place = false;
    let mut statements = vec![(LIST_SID, list_secrets())];
    let scoped = secret_resources(form, secret_arns, &mut uses_place);
    let secrets = match (scoped, runtime_secret_arns.is_empty()) {
        (Some(OneOrMany::One(all)), _) => Some(OneOrMany::One(all)),
        (Some(OneOrMany::Many(mut arns)), _) => {
            for arn in runtime_secret_arns {
                if !arns.contains(&arn) {
                    arns.push(arn);
                }
            }
            Some(OneOrMany::Many(arns))
        }
        (None, false) => Some(OneOrMany::Many(runtime_secret_arns)),
        (None, true) => None,
    };
    uses_place |= form
        .runtime_secrets
        .items
        .iter()
        .any(|s| matches!(s, SecretRef::Name(_)));
    if let Some(resource) = secrets {
        statements.push((SECRETS_SID, read_secrets(resource)));
    }
    if let Some(kms) = kms_statement(form) {
        uses_place = true;
        statements.push((KMS_SID, kms));
    }
    statements.extend(bucket_statements(form));
    let policy = PolicyDocument::with_sids(statements);
    let failed = form.secrets.failed
        || form.runtime_secrets.failed
        || form.kms_keys.failed
        || form.buckets.failed;
    let role = eks.runner_role;
    Some(Document {
        complete: (!uses_place || form.place_is_valid())
            && !failed
            && form.scope != crate::read::form::Scope::Prefix(None),
        placeholders: uses_place && !form.place_is_valid(),
        ..super::written(
            DocumentId::RunnerRolePermissionsPolicy,
            policy,
            Placement {
                steps: super::inline_policy_steps(
                    format!(
                        "In the IAM console, open Roles and choose {role} (the role with the trust policy above)."
                    ),
                    POLICY_NAME,
                ),
                policy_name: Some(POLICY_NAME),
                managed_policies: Vec::new(),
                console_url: form.role_url(role, RoleTab::CreateInlinePolicy),
            },
        )
    })
}
