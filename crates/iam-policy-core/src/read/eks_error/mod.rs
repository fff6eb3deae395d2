//! Reads the error a runner pod on EKS logs when it cannot get or use AWS credentials —
//! IRSA's `WebIdentityErr`, STS's `InvalidIdentityToken`, an `AccessDenied` on a secret,
//! EKS Pod Identity's refusals — and says what it means and what to do. Like the ECS
//! reader it goes by each failure's phrases, not one exact sentence, over the text made
//! one line (JSON log escapes, wraps, padding); and it keeps the parts it finds only
//! where they are values (an ARN's partition, region and account, an issuer, a role with
//! its session, a secret), never from inside a role's name or a placeholder. Text it does
//! not know is unrecognised; a command it suggests is made only of validated values, each
//! quoted for a POSIX shell. Held to `tests/data/real/eks-errors.json`.

use super::ecs_error::Step;
use super::ecs_error::parts::{arn_parts, is_placeholder, role_name};
use super::ecs_error::text::{normalise, squashed};
use crate::aws::eks::{OidcIssuer, STS_AUDIENCE};
use crate::aws::partition::Partition;
use crate::aws::region::Region;
use crate::model::DocumentId;
use crate::model::shape::{Interface, Member, Shape};
use crate::text::chars::shell_quoted as q;
use serde::Serialize;

causes! {
    Cause;
    /// The role's trust policy does not let the pod's token in.
    AssumeWebIdentityDenied = "assume-web-identity-denied", "The runner role's trust policy does not let the pod in";
    /// IAM has no OIDC provider for the cluster's issuer in the role's account.
    NoOidcProvider = "no-oidc-provider", "The cluster's OIDC provider is not registered in IAM";
    /// The token's audience is not one the provider lists.
    IncorrectAudience = "incorrect-audience", "The pod's token has an audience the provider does not list";
    /// The runner's role may not read a secret.
    SecretAccessDeniedRunnerRole = "secret-access-denied-runner-role", "The runner role may not read a secret";
    /// The call was made with the node's instance role: the pod got no role of its own.
    SecretAccessDeniedNodeRole = "secret-access-denied-node-role", "The pod used the node's role, not the runner role";
    /// EKS Pod Identity could not assume the associated role.
    PodIdentityCannotAssume = "pod-identity-cannot-assume", "EKS could not assume the runner role for the pod";
    /// The pod could not read its token file, or reach STS.
    WebIdentityCredentialsFailed = "web-identity-credentials-failed", "The pod could not read its token or reach STS";
    /// The credentials in use had expired.
    ExpiredToken = "expired-token", "The pod's credentials had expired";
    /// Not an error the builder knows.
    Unrecognised = "unrecognised", "Not an error the builder recognises";
}

/// What the error says, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// The cause.
    pub cause: Cause,
    /// The cause in a few words.
    pub title: &'static str,
    /// The role the error names (`assumed-role/<role>/<session>`).
    pub role: Option<String>,
    /// The session of that role: `i-…` is an EC2 instance, so the node's role.
    pub session: Option<String>,
    /// The account, from an ARN.
    pub account: Option<String>,
    /// The region, from an ARN, the issuer, a regional endpoint or `--region`.
    pub region: Option<String>,
    /// The partition, from an ARN or a regional host.
    pub partition: Option<String>,
    /// The cluster's issuer (host/path), when the text names a valid one.
    pub issuer: Option<String>,
    /// The secret refused, as the message names it (a name, or an ARN's name with its
    /// suffix).
    pub secret: Option<String>,
    /// One sentence a person understands.
    pub message: String,
    /// What to do, in order.
    pub steps: Vec<Step>,
    /// The document that is the fix, when one of the builder's is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<DocumentId>,
    /// The refused secret's whole ARN, when the text gives one valid in every part: what
    /// the form's list gains (a name with its suffix alone would be read as a name).
    #[serde(skip)]
    pub secret_arn: Option<String>,
}

impl Diagnosis {
    /// Its TypeScript declaration, held to its JSON by the core's `tests/declarations.rs`.
    pub const DECLARED: Interface = Interface {
        name: "EksDiagnosis",
        doc: "What a pasted EKS error (a runner pod's log) says, and what to do about it.",
        members: &[
            Member::new("cause", Shape::Named("EksDiagnosisCause"), ""),
            Member::new(
                "title",
                Shape::String,
                "The cause in a few words, as every host heads it.",
            ),
            Member::new(
                "role",
                Shape::OrNull(&Shape::String),
                "The role the error names (assumed-role/<role>/<session>).",
            ),
            Member::new(
                "session",
                Shape::OrNull(&Shape::String),
                "That role's session: an EC2 instance id (i-…) means the node's role was used.",
            ),
            Member::new(
                "account",
                Shape::OrNull(&Shape::String),
                "The account, from an ARN.",
            ),
            Member::new(
                "region",
                Shape::OrNull(&Shape::String),
                "The region, from an ARN, the issuer, a regional endpoint or --region.",
            ),
            Member::new(
                "partition",
                Shape::OrNull(&Shape::String),
                "The partition, from an ARN or a regional host.",
            ),
            Member::new(
                "issuer",
                Shape::OrNull(&Shape::String),
                "The cluster's issuer (host/path), when the text names a valid one.",
            ),
            Member::new(
                "secret",
                Shape::OrNull(&Shape::String),
                "The secret refused, as the message names it.",
            ),
            Member::new(
                "message",
                Shape::String,
                "One sentence a person understands.",
            ),
            Member::new(
                "steps",
                Shape::List(&Shape::Named("DiagnosisStep")),
                "What to do, in order.",
            ),
            Member::new(
                "fix",
                Shape::Named("DocumentId"),
                "The document that is the fix, when one of the builder's is.",
            )
            .optional(),
        ],
    };
}

/// Reads pasted EKS error text. Never fails: text it does not know is `Unrecognised`.
pub fn diagnose(pasted: &str) -> Diagnosis {
    let text = normalise(pasted);
    // A table's `|` borders (a terminal's wrapped output) split phrases too.
    let flat = squashed(&text).replace('|', "");
    let has = |phrase: &str| memchr::memmem::find(flat.as_bytes(), phrase.as_bytes()).is_some();
    let parts = Parts::read(&text);
    let denied = has("notauthorizedtoperform") || has("accessdenied");
    let on_secret = denied && has("secretsmanager:getsecretvalue");
    let cause = if has("noopenidconnectproviderfound") {
        Cause::NoOidcProvider
    } else if has("incorrecttokenaudience") {
        Cause::IncorrectAudience
    } else if has("eksdoesnothavepermissionstoassumetheassociatedrole")
        || has("trustpolicyoftheroleprovidedisinvalid")
    {
        Cause::PodIdentityCannotAssume
    } else if has("expiredtoken") {
        Cause::ExpiredToken
    } else if denied && has("assumerolewithwebidentity") {
        Cause::AssumeWebIdentityDenied
    } else if on_secret && parts.session.as_deref().is_some_and(is_instance_id) {
        Cause::SecretAccessDeniedNodeRole
    } else if on_secret {
        Cause::SecretAccessDeniedRunnerRole
    } else if has("unabletoreadfileat/var/run/secrets/eks.amazonaws.com")
        || has("couldnotbeloadedfromthewebidentitytokenfile")
        || (has("webidentityerr") && has("sendrequestfailed"))
    {
        Cause::WebIdentityCredentialsFailed
    } else {
        Cause::Unrecognised
    };
    let mut diagnosis = Diagnosis {
        cause,
        title: cause.title(),
        role: parts.role,
        session: parts.session,
        account: parts.account,
        region: parts.region.map(|r| r.code().to_owned()),
        partition: parts.partition.map(|p| p.id.to_owned()),
        issuer: parts.issuer.as_ref().map(|i| i.host_path().to_owned()),
        secret: parts.secret,
        secret_arn: parts.secret_arn,
        message: String::new(),
        steps: Vec::new(),
        fix: None,
    };
    explain(&mut diagnosis, parts.issuer.as_ref());
    diagnosis
}

/// `i-` and 8 or 17 hexadecimal digits: an EC2 instance's id, the session name of a node's
/// instance role.
fn is_instance_id(session: &str) -> bool {
    session.strip_prefix("i-").is_some_and(|hex| {
        matches!(hex.len(), 8 | 17) && hex.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// The values the text holds where values go.
#[derive(Default)]
struct Parts {
    role: Option<String>,
    session: Option<String>,
    account: Option<String>,
    region: Option<Region>,
    partition: Option<&'static Partition>,
    issuer: Option<OidcIssuer>,
    secret: Option<String>,
    secret_arn: Option<String>,
}

/// Characters that end a value in running text, JSON logs and XML.
fn ends_value(c: char) -> bool {
    c.is_whitespace() || "\"'`,;()[]{}<>|\\".contains(c)
}

impl Parts {
    fn read(text: &str) -> Parts {
        let mut parts = Parts::default();
        let mut region = None;
        let mut partition = None;
        for (at, _) in text.match_indices("arn:") {
            // Up to white space or a quote: a placeholder inside (`<account_id>`,
            // `{accountId}`) spoils its part, not the ARN's other parts.
            let arn = text[at..]
                .split(|c: char| c.is_whitespace() || "\"'`,;".contains(c))
                .next()
                .unwrap_or_default();
            let Some(found) = arn_parts(arn).filter(|_| arn.matches(':').count() >= 5) else {
                continue;
            };
            partition = partition.or(found.partition);
            region = region.or(found.region);
            if parts.account.is_none() {
                parts.account = found
                    .account
                    .filter(|a| !redacted_account(a))
                    .map(str::to_owned);
            }
        }
        // `assumed-role/<role>/<session>`: the role only with its session (a name cut off by
        // its poster, `site-k2021…`, is not one), each a name IAM allows; the session alone
        // when the role's name is a placeholder — it is what tells a node's role.
        if let Some(at) = text.find("assumed-role/") {
            let rest = text[at + "assumed-role/".len()..]
                .split(char::is_whitespace)
                .next()
                .unwrap_or_default()
                .trim_end_matches(['"', '\'', ',', '.', ':', '}']);
            if let Some((role, session)) = rest.rsplit_once('/') {
                parts.session = role_name(session).map(str::to_owned);
                parts.role = role_name(role)
                    .filter(|_| parts.session.is_some())
                    .map(str::to_owned);
            }
        }
        // Hosts name a region, and so a partition: the issuer's (even with its ID
        // redacted), and a regional endpoint (`sts.ap-northeast-1.amazonaws.com`) — not the
        // global one (`sts.amazonaws.com`, an XML namespace).
        let mut host_region = None;
        for (at, _) in text.match_indices("oidc.eks.") {
            let host_path = text[at..].split(ends_value).next().unwrap_or_default();
            if let Ok((issuer, _)) = OidcIssuer::read(host_path)
                && !redacted_id(issuer.id())
            {
                parts.issuer.get_or_insert(issuer);
            }
            let code = host_path["oidc.eks.".len()..].split('.').next();
            host_region = host_region.or(code.and_then(Region::lookup));
        }
        for (at, _) in text.match_indices(".amazonaws.com") {
            let host = text[..at]
                .rsplit(|c: char| ends_value(c) || c == '/')
                .next()
                .unwrap_or_default();
            host_region = host_region.or(host.rsplit('.').next().and_then(Region::lookup));
        }
        // `--region` names a region only: no partition is read from it.
        let flag_region = flag_value(text, "--region ").and_then(Region::lookup);
        parts.region = region.or(host_region).or(flag_region);
        parts.partition = partition.or(host_region.map(Region::partition));
        parts.secret = refused_secret(text);
        parts.secret_arn = text.find("on resource: arn:").and_then(|at| {
            let arn = text[at + "on resource: ".len()..]
                .split(char::is_whitespace)
                .next()?
                .trim_end_matches(['"', '\'', '}', ',', ')', '.']);
            let found = arn_parts(arn)?;
            (found.whole && found.service == "secretsmanager").then(|| arn.to_owned())
        });
        parts
    }
}

/// An account of one digit twelve times (`111111111111`): how posters redact one.
fn redacted_account(account: &str) -> bool {
    account.bytes().all(|b| b == account.as_bytes()[0])
}

/// An issuer's ID written over (`xxxx`, `REDACTED`, `<ID>`): the issuer is not read.
fn redacted_id(id: &str) -> bool {
    is_placeholder(id) || id.bytes().all(|b| b.eq_ignore_ascii_case(&b'x'))
}

/// The value after a flag such as `--region `.
fn flag_value<'t>(text: &'t str, flag: &str) -> Option<&'t str> {
    let at = text.find(flag)? + flag.len();
    text[at..]
        .split(ends_value)
        .next()
        .filter(|v| !v.is_empty())
}

/// The secret a `GetSecretValue` was refused on: the name of an ARN's `secret:` part with
/// its suffix, or the name the message gives; never a placeholder.
fn refused_secret(text: &str) -> Option<String> {
    let at = text.find("on resource: ")? + "on resource: ".len();
    // The whole word, then the quotes and braces a JSON log closes around it: a word with
    // anything a name cannot hold is no name, never the part of it before that.
    let resource = text[at..]
        .split(char::is_whitespace)
        .next()?
        .trim_end_matches(['"', '\'', '}', ',', ')']);
    let name = match resource.strip_prefix("arn:") {
        Some(_) => resource.split_once(":secret:")?.1,
        None => resource,
    };
    let name = name.trim_end_matches(['.', ':']);
    let valid = !name.is_empty()
        && name.len() <= 512
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_+=.@-!".contains(&b))
        && !is_placeholder(name);
    valid.then(|| name.to_owned())
}

/// The message, the steps and the document that is the fix.
fn explain(found: &mut Diagnosis, issuer: Option<&OidcIssuer>) {
    let role = found.role.clone();
    let region = found.region.clone();
    let secret = found.secret.clone();
    let (message, steps, fix) = match found.cause {
        Cause::AssumeWebIdentityDenied => (
            "STS refused the pod's web identity token: the role's trust policy must name the cluster's OIDC provider as Federated, and test <issuer>:aud = sts.amazonaws.com and <issuer>:sub = system:serviceaccount:<namespace>:<service account> — the keys spelled with the issuer without https://, never with the provider's ARN.".to_owned(),
            vec![
                Step::says("Fill in the cluster's issuer, the runner's namespace and service accounts above, and compare the runner role trust policy below with the role's own (IAM → Roles → the role → Trust relationships)."),
                Step::runs(
                    "Check which role the service account names:",
                    "kubectl get serviceaccount --all-namespaces -o jsonpath='{range .items[*]}{.metadata.namespace}/{.metadata.name} {.metadata.annotations.eks\\.amazonaws\\.com/role-arn}{\"\\n\"}{end}'".to_owned(),
                ),
            ],
            Some(DocumentId::RunnerRoleTrustPolicy),
        ),
        Cause::NoOidcProvider => {
            let mut steps = Vec::new();
            match issuer {
                Some(issuer) => steps.push(Step::runs(
                    "Register the cluster's issuer in the role's account (once per cluster):",
                    format!(
                        "aws iam create-open-id-connect-provider --url {} --client-id-list {}",
                        q(&issuer.url()),
                        q(STS_AUDIENCE)
                    ),
                )),
                None => steps.push(Step::says(
                    "Register the cluster's issuer in the role's account: IAM → Identity providers → Add provider → OpenID Connect, with the cluster's OpenID Connect provider URL and the audience sts.amazonaws.com (or eksctl utils associate-iam-oidc-provider --cluster <name> --approve).",
                )),
            }
            if found.partition.as_deref() == Some("aws-cn") {
                steps.push(Step::says(
                    "In China, the pod must call the regional STS endpoint (sts.<region>.amazonaws.com.cn): set the service account's eks.amazonaws.com/sts-regional-endpoints annotation to true, or AWS_STS_REGIONAL_ENDPOINTS=regional.",
                ));
            }
            (
                match &found.issuer {
                    Some(issuer) => format!("IAM has no OpenID Connect provider for https://{issuer} in the role's account: register it, and the pod's tokens can be exchanged."),
                    None => "IAM has no OpenID Connect provider for the cluster's issuer in the role's account: register it, and the pod's tokens can be exchanged.".to_owned(),
                },
                steps,
                Some(DocumentId::RunnerRoleTrustPolicy),
            )
        }
        Cause::IncorrectAudience => (
            format!("The pod's token carries an audience the IAM OIDC provider does not list: the provider's audience (client ID) must be {STS_AUDIENCE}, which EKS's webhook requests unless the service account's eks.amazonaws.com/audience annotation asks for another."),
            vec![Step::says(format!(
                "IAM → Identity providers → the cluster's provider → Audiences: add {STS_AUDIENCE} (not sts.amazon.com); and remove any eks.amazonaws.com/audience annotation from the service account."
            ))],
            None,
        ),
        Cause::SecretAccessDeniedRunnerRole => {
            let who = role.as_deref().unwrap_or("The runner role");
            let what = secret.as_deref().unwrap_or("the secret");
            let mut steps = vec![Step::says(
                "Add the secret to the form above and put the runner role permissions policy below on the role (it grants GetSecretValue on the secret's ARN with -??????, and kms:Decrypt when a customer managed key encrypts it).",
            )];
            if let Some(name) = secret.as_deref().filter(|n| !n.contains(['*', '?', '!'])) {
                let region = region.as_deref().map(|r| format!(" --region {}", q(r))).unwrap_or_default();
                steps.push(Step::runs(
                    "Check the secret's full ARN, with its suffix:",
                    format!("aws secretsmanager describe-secret --secret-id {}{region} --query ARN", q(name)),
                ));
            }
            (
                format!("{who} may not read {what}: the pod got the role, but its permissions policy does not allow secretsmanager:GetSecretValue on that secret."),
                steps,
                Some(DocumentId::RunnerRolePermissionsPolicy),
            )
        }
        Cause::SecretAccessDeniedNodeRole => (
            format!(
                "The call was made with the node's instance role{} (its session is the EC2 instance {}), not the runner role: the pod got no role of its own, so IRSA (or Pod Identity) is not applied to it.",
                role.as_deref().map(|r| format!(" {r}")).unwrap_or_default(),
                found.session.as_deref().unwrap_or("id")
            ),
            vec![
                Step::says("Annotate the runner's service account with the runner role's ARN (eks.amazonaws.com/role-arn, the Helm value serviceAccount.roleArn) — or, with Pod Identity, create the association — then restart the runner's pods: pods are given the role when they start."),
                Step::says("If it is annotated: check the pod runs under that service account, and that its AWS SDK is new enough for web identity (or Pod Identity) credentials."),
            ],
            Some(DocumentId::RunnerRoleTrustPolicy),
        ),
        Cause::PodIdentityCannotAssume => (
            "EKS Pod Identity could not assume the associated role: its trust policy must let pods.eks.amazonaws.com sts:AssumeRole and sts:TagSession (AWS's message says no more). Its conditions on the session tags must match the pod's namespace and service account.".to_owned(),
            vec![Step::says("Choose Pod Identity above and put the runner role trust policy below on the role; check the association names this role, namespace and service account.")],
            Some(DocumentId::RunnerRoleTrustPolicy),
        ),
        Cause::WebIdentityCredentialsFailed => (
            "The pod could not use its web identity: it could not read the token file EKS mounts (/var/run/secrets/eks.amazonaws.com/serviceaccount/token), or could not reach STS. No IAM policy changes that.".to_owned(),
            vec![
                Step::says("A permission denied on the token file: give the pod's securityContext an fsGroup (the token is readable by its group), or run as a user that can read it."),
                Step::says("A timeout reaching STS: let the pod reach sts.<region>.amazonaws.com (a VPC endpoint for STS in private subnets), and use the regional endpoint."),
            ],
            None,
        ),
        Cause::ExpiredToken => (
            "The credentials the call was made with had expired: the process did not refresh them (an old AWS SDK, or credentials copied at start), or the node's clock is wrong. No IAM policy changes that.".to_owned(),
            vec![Step::says("Update the AWS SDK the process uses (one that refreshes web identity or Pod Identity credentials), and check the node's clock is synchronised.")],
            None,
        ),
        Cause::Unrecognised => (
            "This is not an error the builder recognises as IRSA's or Pod Identity's: paste the line with WebIdentityErr, InvalidIdentityToken, AccessDenied or EKS Auth's message from the runner pod's log (kubectl logs).".to_owned(),
            Vec::new(),
            None,
        ),
    };
    found.message = message;
    found.steps = steps;
    found.fix = fix;
}

/// The fields a diagnosis fills when the form leaves them empty, and what it says about
/// them: the account, region and issuer the text names; the secret refused and the role
/// that was refused it, for the runner role's own denial. A field that already holds what
/// the text names (a host that filled the form from the error itself, as the builder's
/// form does on paste) is said to be named by it too.
pub fn fill(
    request: &crate::input::Request,
    diagnosis: &Diagnosis,
) -> (Vec<crate::input::FieldValue>, Vec<crate::input::Problem>) {
    use crate::input::{Code, Field, FieldValue, Problem};
    let mut fills = Vec::new();
    let mut problems = Vec::new();
    if diagnosis.cause == Cause::Unrecognised {
        problems.push(Problem::new(
            Field::EksError,
            Code::EksErrorUnrecognised,
            diagnosis.message.clone(),
        ));
        return (fills, problems);
    }
    let mut take = |field: Field,
                    typed: &str,
                    found: Option<&String>,
                    what: &str,
                    same: &dyn Fn(&str, &str) -> bool| {
        let Some(found) = found else { return };
        let empty = typed.trim().is_empty();
        if empty {
            fills.push(FieldValue {
                field,
                value: found.clone(),
            });
        }
        if empty || same(typed, found) {
            problems.push(Problem::new(
                field,
                Code::FilledFromEksError,
                format!("The pasted error names {what} {found}."),
            ));
        }
    };
    let digits = |a: &str, b: &str| a.chars().filter(char::is_ascii_digit).eq(b.chars());
    let region = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b);
    // The issuer as the form reads it: with or without https://, a trailing slash.
    let issuer =
        |a: &str, b: &str| OidcIssuer::read(a).is_ok_and(|(typed, _)| typed.host_path() == b);
    let exactly = |a: &str, b: &str| a.trim() == b;
    take(
        Field::Account,
        &request.account,
        diagnosis.account.as_ref(),
        "the account",
        &digits,
    );
    take(
        Field::Region,
        &request.region,
        diagnosis.region.as_ref(),
        "the region",
        &region,
    );
    take(
        Field::OidcIssuer,
        &request.oidc_issuer,
        diagnosis.issuer.as_ref(),
        "the cluster's issuer",
        &issuer,
    );
    if diagnosis.cause == Cause::SecretAccessDeniedRunnerRole {
        let default_role = request.runner_role_name.trim() == crate::aws::eks::RUNNER_ROLE_NAME;
        take(
            Field::RunnerRoleName,
            if default_role {
                ""
            } else {
                &request.runner_role_name
            },
            diagnosis.role.as_ref(),
            "the runner role",
            &exactly,
        );
        // The whole ARN when the text gives one; a name as the message gave it otherwise
        // (the SDK names the secret as it was asked for, without a suffix).
        let entry = diagnosis
            .secret_arn
            .as_ref()
            .or(diagnosis.secret.as_ref().filter(|_| {
                !diagnosis
                    .secret
                    .as_deref()
                    .is_some_and(|s| s.starts_with("arn:"))
            }));
        if let Some(entry) = entry
            && request.secrets.iter().any(|s| s.trim() == entry)
        {
            problems.push(Problem::new(
                Field::Secrets,
                Code::FilledFromEksError,
                format!(
                    "The runner role was refused the secret {entry}: the policy below grants it."
                ),
            ));
        } else if let Some(entry) = entry {
            let mut secrets = request.secrets.clone();
            secrets.push(entry.clone());
            fills.push(FieldValue {
                field: Field::Secrets,
                value: secrets.join("\n"),
            });
            problems.push(Problem::new(
                Field::Secrets,
                Code::FilledFromEksError,
                format!("Added the secret the runner role was refused, {entry}."),
            ));
        }
    }
    (fills, problems)
}
