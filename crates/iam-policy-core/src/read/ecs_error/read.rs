//! One failure of the text: which cause its phrases name, and the parts it gives.

use super::parts::{self, Arns, arn_parts};
use super::text::squashed;
use super::{Cause, Diagnosis};
use std::ops::Range;

/// The kinds of policy IAM names in an explicit deny, as its messages spell them.
const DENY_POLICY_KINDS: [&str; 7] = [
    "service control policy",
    "resource control policy",
    "identity-based policy",
    "resource-based policy",
    "permissions boundary",
    "session policy",
    "vpc endpoint policy",
];

/// Reads one failure — its cause and parts, not yet its message and steps.
pub(super) fn failure(piece: &str, range: Range<usize>, arns: &Arns) -> Diagnosis {
    let lower = piece.to_ascii_lowercase();
    let flat = squashed(piece);
    // Some fifty phrases are looked for in each failure: memchr's searcher is the quick one.
    let has = |phrase: &str| memchr::memmem::find(flat.as_bytes(), phrase.as_bytes()).is_some();
    let own = arns.within(range);
    let split: Vec<(&str, parts::ArnParts)> = own
        .iter()
        .filter_map(|(_, arn)| arn_parts(arn).map(|p| (*arn, p)))
        .collect();

    let action = parts::word_after(piece, &lower, "perform: ")
        .or_else(|| parts::word_after(piece, &lower, "perform "))
        .and_then(parts::action)
        .or_else(|| parts::word_after(piece, &lower, "policy allows the ").and_then(parts::action))
        .map(str::to_owned);
    let acting = split
        .iter()
        .find(|(_, p)| p.service == "sts" && p.resource.starts_with("assumed-role/"));
    let role_from_session = acting
        .and_then(|(_, p)| {
            p.resource
                .strip_prefix("assumed-role/")?
                .split('/')
                .next()
                .and_then(parts::role_name)
        })
        .or_else(|| parts::session_role(piece));
    let action_of = |service: &str| {
        action
            .as_deref()
            .is_some_and(|a| a.split(':').next() == Some(service))
    };
    let denied = has("accessdenied") || has("notauthorizedtoperform") || has("403forbidden");
    // A Docker daemon's "pull access denied" is an image pull whatever wraps it, never an
    // IAM denial (its squashed form holds "accessdenied").
    let pulling = has("cannotpullcontainererror")
        || has("cannotpullecrcontainererror")
        || has("pullaccessdeniedfor");

    let cause = if has("withanexplicitdeny") {
        Cause::ExplicitDeny
    } else if has("ecswasunabletoassume") {
        Cause::RoleNotAssumable
    } else if has("unabletoassumetheservicelinkedrole") {
        Cause::ServiceLinkedRoleMissing
    } else if has("failedtovalidateloggerargs")
        || has("failedtoinitializeloggingdriver")
        || (denied && action_of("logs"))
    {
        Cause::LoggerArgs
    } else if has("unabletogetregistryauthfromasm") {
        Cause::PrivateRegistryAuth
    } else if denied && (action_of("ecr") || has("getauthorizationtoken")) {
        Cause::EcrAccessDenied
    } else if has("unabletoretrieveecrregistryauth") || has("cannotpullregistryauthfromamazonecr") {
        if is_network(&flat) {
            Cause::Network
        } else {
            Cause::RegistryAuth
        }
    } else if pulling {
        if has("descriptormatchingplatform") || has("descriptorforplatform") {
            Cause::ImagePlatform
        } else if has("pullaccessdenied") || has("mayrequire'dockerlogin'") || denied {
            Cause::ImagePullAccessDenied
        } else if has("notfound") {
            Cause::ImageNotFound
        } else if is_network(&flat) || has("failedtoresolveref") {
            Cause::Network
        } else {
            Cause::ImagePullFailed
        }
    } else if has("accesstokmsisnotallowed")
        || has("ciphertextreferstoacustomermasterkey")
        || (denied && action_of("kms"))
    {
        Cause::KmsAccessDenied
    } else if denied && action_of("sts") {
        let assumed = parts::word_after(piece, &lower, "on resource: ")
            .and_then(|r| r.rsplit('/').next())
            .and_then(parts::role_name);
        if assumed.is_some() && assumed == role_from_session {
            Cause::SelfAssumeDenied
        } else {
            Cause::AssumeRoleDenied
        }
    } else if denied && action_of("iam") && action.as_deref() == Some("iam:PassRole") {
        Cause::PassRoleDenied
    } else if has("invalidssmparameters") {
        Cause::ParameterNotFound
    } else if has("invalidcharacter") && has("lookingforbeginningofvalue") {
        Cause::SecretNotJson
    } else if has("didnotcontainjsonkey") {
        Cause::JsonKeyMissing
    } else if denied && (action_of("ssm") || has("fromssm") || has("ssmparameterstore")) {
        Cause::ParameterAccessDenied
    } else if denied && (action_of("secretsmanager") || has("fromasm") || has("getsecretvalue")) {
        Cause::SecretAccessDenied
    } else if denied && action.is_some() {
        Cause::OtherAccessDenied
    } else if has("can'tfindthespecifiedsecretvalue") || has("can’tfindthespecifiedsecretvalue") {
        Cause::SecretValueMissing
    } else if has("can'tfindthespecifiedsecret")
        || has("can’tfindthespecifiedsecret")
        || (has("resourcenotfoundexception") && has("secret"))
    {
        Cause::SecretNotFound
    } else if has("markedfordeletion") {
        Cause::SecretScheduledForDeletion
    } else if is_network(&flat) {
        Cause::Network
    } else if has("executionrolearn") && has("secrets") {
        Cause::ExecutionRoleMissing
    } else if (has("fromasm") || has("fetchsecret"))
        && (has("invalidparameter") || has("validationerror"))
    {
        Cause::SecretReferenceInvalid
    } else if has("unabletoretrievesecret")
        || has("unabletopullsecretsorregistryauth")
        || (has("resourceinitializationerror") && (has("asm") || has("ssm")))
    {
        Cause::SecretsUnreadable
    } else if denied {
        Cause::OtherAccessDenied
    } else {
        Cause::Unrecognised
    };

    let resource = resource(cause, piece, &lower, &split, arns);
    let resource_parts = resource.as_deref().and_then(arn_parts);
    // The region and account: the resource's, else the acting role's, else any the text
    // names (an ARN whose other parts are redacted still gives its region).
    // An AWS host in the text names a region, and an ECR registry's an account: read once.
    let (host_region, host_account) = parts::ecr_host(piece);
    let region = resource_parts
        .and_then(|p| p.region)
        .or_else(|| split.iter().find_map(|(_, p)| p.region))
        .or(host_region)
        .or_else(|| {
            parts::word_after(piece, &lower, " in ").and_then(crate::aws::region::Region::lookup)
        })
        .map(|r| r.code().to_owned());
    let account = acting
        .and_then(|(_, p)| p.account)
        .or_else(|| resource_parts.and_then(|p| p.account))
        .or_else(|| split.iter().find_map(|(_, p)| p.account))
        .or(host_account)
        .map(str::to_owned);
    let partition = acting
        .and_then(|(_, p)| p.partition)
        .or_else(|| resource_parts.and_then(|p| p.partition))
        .or_else(|| split.iter().find_map(|(_, p)| p.partition))
        .map(|p| p.id.to_owned());
    let role = match cause {
        Cause::RoleNotAssumable => resource_parts
            .filter(|p| p.service == "iam")
            .and_then(|p| p.resource.strip_prefix("role/"))
            .or_else(|| {
                split
                    .iter()
                    .filter(|(_, p)| p.service == "iam")
                    .find_map(|(_, p)| p.resource.strip_prefix("role/"))
            })
            .and_then(|path| path.rsplit('/').next())
            .and_then(parts::role_name)
            .map(str::to_owned),
        _ => role_from_session.map(str::to_owned),
    };
    let json_key = (cause == Cause::JsonKeyMissing)
        .then(|| parts::word_after(piece, &lower, "json key "))
        .flatten()
        .and_then(parts::resource_name)
        .map(str::to_owned);
    let deny_policy = (cause == Cause::ExplicitDeny).then(|| deny_policy(piece, &lower, &split));
    Diagnosis {
        cause,
        title: cause.title(),
        role,
        account,
        region,
        partition,
        resource,
        action,
        json_key,
        deny_policy,
        message: String::new(),
        steps: Vec::new(),
        fix: None,
    }
}

/// Words that mean the task could not reach the service, in any generation's wording.
fn is_network(flat: &str) -> bool {
    [
        "contextdeadlineexceeded",
        "connectionissuebetweenthetask",
        "checkyourtasknetworkconfiguration",
        "i/otimeout",
        "requestcanceled",
        "dialtcp",
        "sendrequestfailed",
        "requesterror",
    ]
    .iter()
    .any(|phrase| flat.contains(phrase))
}

/// What the call was refused on, or what was not found, validated.
fn resource(
    cause: Cause,
    piece: &str,
    lower: &str,
    split: &[(&str, parts::ArnParts)],
    arns: &Arns,
) -> Option<String> {
    let whole_arn = |text: &str| arn_parts(text).filter(|p| p.whole).map(|_| text.to_owned());
    if cause == Cause::ParameterNotFound {
        let names = parts::word_after(piece, lower, "invalid ssm parameters: ")?;
        return parts::resource_name(names).map(str::to_owned);
    }
    let refused = parts::word_after(piece, lower, "on resource: ");
    if let Some(found) = refused.and_then(|r| {
        if r.starts_with("arn:") {
            whole_arn(r)
        } else {
            parts::resource_name(r)
                .filter(|name| *name != "*")
                .map(str::to_owned)
        }
    }) {
        return Some(found);
    }
    for marker in ["fetch secret ", "the role ", "secret "] {
        if let Some(found) = parts::word_after(piece, lower, marker)
            .filter(|w| w.starts_with("arn:"))
            .and_then(whole_arn)
        {
            return Some(found);
        }
    }
    split
        .iter()
        .find(|(_, p)| {
            p.whole
                && p.service != "sts"
                && !(p.service == "iam" && cause != Cause::RoleNotAssumable)
        })
        .map(|(arn, _)| (*arn).to_owned())
        .or_else(|| {
            // The secret is named in the wrapper when the failure itself does not.
            if !matches!(
                cause,
                Cause::SecretAccessDenied | Cause::ParameterAccessDenied | Cause::KmsAccessDenied
            ) {
                return None;
            }
            arns.all().iter().find_map(|(_, arn)| {
                arn_parts(arn)
                    .filter(|p| p.whole && matches!(p.service, "secretsmanager" | "ssm"))
                    .map(|_| (*arn).to_owned())
            })
        })
}

/// The deny's policy: a kind IAM names (from its own list, never the text around it) and
/// the policy's ARN when the message gives a valid one.
fn deny_policy(piece: &str, lower: &str, split: &[(&str, parts::ArnParts)]) -> String {
    let kind = ["explicit deny in a ", "explicit deny in an "]
        .iter()
        .find_map(|marker| {
            let at = lower.find(marker)? + marker.len();
            DENY_POLICY_KINDS
                .iter()
                .find(|kind| lower[at..].starts_with(*kind))
        });
    let arn = parts::word_after(piece, lower, "policy: ")
        .filter(|a| a.starts_with("arn:"))
        .filter(|a| {
            split
                .iter()
                .any(|(arn, p)| arn == a && p.whole && matches!(p.service, "iam" | "organizations"))
        });
    match (kind, arn) {
        (Some(kind), Some(arn)) => format!("{kind} {arn}"),
        (Some(kind), None) => (*kind).to_owned(),
        (None, Some(arn)) => arn.to_owned(),
        (None, None) => "a policy".to_owned(),
    }
}
