//! Turns a built document into one made from the policy the role already has, when the
//! request carries it: the trust policy merged, the secrets policy checked and fixed.

use super::Access;
use crate::aws::console::RoleTab;
use crate::aws::secret::SecretRef;
use crate::documents::{TrustEdit, runner_trust_steps, web_identity_subjects};
use crate::input::problem::{Code, Field, Problem};
use crate::input::request::EksCredentials;
use crate::input::request::Request;
use crate::model::json;
use crate::model::{Document, Origin, Policy, PolicyKind, Size};
use crate::read::existing::fix::{Grant, check_and_fix};
use crate::read::existing::merge::{DenyInTheWay, Merged, Need, merge_trust};
use crate::read::existing::read::{Pasted, read};
use crate::read::existing::web_identity::{Runner, merge_web_identity};
use crate::read::form::{Form, Scope};
use crate::text::chars::capitalised;

/// The pasted policy in `field`, when there is one and it is the right kind; a problem on
/// the field otherwise.
fn pasted(
    text: &str,
    field: Field,
    wanted: PolicyKind,
    problems: &mut Vec<Problem>,
) -> Option<Option<Pasted>> {
    if text.trim().is_empty() {
        return Some(None);
    }
    let what = match wanted {
        PolicyKind::Trust => "The pasted trust policy",
        PolicyKind::Inline => "The pasted secrets policy",
    };
    // Refused by its length before it is read: the reader's work grows with the text, and
    // a link anyone can send may carry a megabyte. An escape such as \u0041 is the most
    // characters one character of the document can take, so past this it cannot fit.
    let written = text.chars().filter(|c| !c.is_whitespace()).count();
    if written > LONGEST_ESCAPE * most_accepted(wanted) {
        problems.push(Problem::new(
            field,
            Code::ExistingPolicyInvalid,
            format!(
                "{what} is {} characters without white space, far more than IAM accepts on a role ({}): paste the role's own policy.",
                crate::text::thousands(written),
                crate::text::thousands(most_accepted(wanted))
            ),
        ));
        return None;
    }
    match read(text) {
        Err(error) => {
            problems.push(Problem::new(
                field,
                Code::ExistingPolicyInvalid,
                // A sentence ends once: the reader's own may end in a question.
                format!("{what} {}", sentence(&error.to_string())),
            ));
            None
        }
        Ok(policy) if policy.kind != wanted => {
            let message = match wanted {
                PolicyKind::Trust if field == Field::ExistingRunnerTrustPolicy => {
                    "This is a permissions policy (its statements name a Resource), not a trust policy. Paste the runner role's trust policy here: IAM → Roles → the role → Trust relationships → Edit trust policy."
                }
                PolicyKind::Trust => {
                    "This is a permissions policy (its statements name a Resource), not a trust policy: it belongs in “The execution role's current secrets policy” if it is that role's. Paste the task role's trust policy here: Trust relationships → Edit trust policy."
                }
                PolicyKind::Inline => {
                    "This is a trust policy (its statements name a Principal), not a permissions policy: it belongs in “The task role's current trust policy”. Paste the execution role's inline policy here: Permissions → the policy → JSON."
                }
            };
            problems.push(Problem::new(field, Code::ExistingPolicyWrongKind, message));
            None
        }
        // No role holds a policy past IAM's largest quota, and checking one against every
        // listed secret costs statements × secrets: refused before any of that work.
        Ok(policy) if policy.json.compact_chars() > most_accepted(wanted) => {
            let characters = policy.json.compact_chars();
            problems.push(Problem::new(
                field,
                Code::ExistingPolicyInvalid,
                format!(
                    "{what} is {} characters, {} more than IAM accepts on a role ({}, white space not counted): paste the role's own policy.",
                    crate::text::thousands(characters),
                    crate::text::thousands(characters - most_accepted(wanted)),
                    crate::text::thousands(most_accepted(wanted))
                ),
            ));
            None
        }
        Ok(policy) => Some(Some(policy)),
    }
}

/// The characters of the longest escape in JSON (`\u0041`), each of which is one character
/// of the document IAM measures.
const LONGEST_ESCAPE: usize = 6;

/// The most characters a policy of this kind can have on a role: the trust policy quota at
/// its highest (it can be raised from 2,048), and all of a role's inline policies together.
fn most_accepted(kind: PolicyKind) -> usize {
    match kind {
        PolicyKind::Trust => 8_192,
        PolicyKind::Inline => crate::documents::INLINE_POLICIES_LIMIT,
    }
}

/// With `existingTrustPolicy`: the trust document is that policy with what the agent needs.
pub(crate) fn trust(
    request: &Request,
    form: &Form,
    document: &mut Document,
    problems: &mut Vec<Problem>,
) {
    let field = Field::ExistingTrustPolicy;
    let Some(policy) = pasted(
        &request.existing_trust_policy,
        field,
        PolicyKind::Trust,
        problems,
    ) else {
        document.complete = false;
        return;
    };
    let Some(policy) = policy else {
        return;
    };
    let Some(built) = document.policy.as_new() else {
        return;
    };
    say_broad_grants(
        &policy,
        field,
        Code::PastedTrustTooBroad,
        document,
        problems,
    );
    // What the agent needs is what the new document grants: ECS tasks (with the source
    // conditions when they are on), and EC2 in its partition's name while that is on.
    let mut needs = Vec::new();
    for statement in &built.statement {
        let condition = statement.condition.as_ref().and_then(|condition| {
            serde_json::to_string(condition)
                .ok()
                .and_then(|text| json::parse(&text).ok())
        });
        for service in statement.principal.iter().flat_map(|p| p.services()) {
            needs.push(Need {
                service,
                condition: condition.clone(),
            });
        }
    }
    let place = form.place();
    let agent = form
        .place_is_valid()
        .then_some(crate::read::existing::trust_conditions::Agent {
            partition: place.partition,
            region: place.region,
            account: place.account,
        });
    let merged = merge_trust(&policy, &needs, agent.as_ref());
    let kind = TrustMerge {
        denied: Code::TrustDenied,
        already: Code::TrustAlreadyAllows,
        merged: Code::TrustMerged,
        action: "sts:AssumeRole",
        already_message: "The pasted trust policy already lets the agent's services assume the role: nothing to change.",
    };
    settle_trust(
        &kind,
        field,
        policy.json,
        merged,
        document,
        problems,
        |outcome| existing_trust_steps(form, outcome),
    );
}

/// What a trust merge is called in its problems: the codes of its outcomes, the action a
/// `Deny` refuses, and what "already allows" says.
struct TrustMerge {
    denied: Code,
    already: Code,
    merged: Code,
    action: &'static str,
    already_message: &'static str,
}

/// A trust merge's result on the document: a `Deny` named and the pasted policy kept as
/// it is (not a fresh one a hurried paste would replace it with), or the merged policy
/// with its notes and changes.
fn settle_trust(
    kind: &TrustMerge,
    field: Field,
    pasted: crate::model::Json,
    result: Result<Merged, DenyInTheWay>,
    document: &mut Document,
    problems: &mut Vec<Problem>,
    steps: impl Fn(Outcome) -> Vec<String>,
) {
    match result {
        Err(deny) => {
            problems.push(
                Problem::new(
                    field,
                    kind.denied,
                    format!(
                        "{} of the pasted trust policy denies {} {}, and a Deny wins over any Allow: remove or narrow that statement (the builder does not remove what you wrote), then paste the policy again.",
                        capitalised(&deny.statement),
                        deny.service,
                        kind.action
                    ),
                )
                .about(document.id),
            );
            become_existing(document, pasted, Vec::new(), steps(Outcome::Blocked));
            document.complete = false;
        }
        Ok(merged) => {
            for (code, note) in &merged.notes {
                problems.push(Problem::new(field, *code, note.clone()).about(document.id));
            }
            let (code, message, outcome) = if merged.changes.is_empty() {
                (kind.already, kind.already_message, Outcome::Unchanged)
            } else {
                (
                    kind.merged,
                    "The trust policy below is the one you pasted with the changes listed; nothing was removed. Paste all of it: the console replaces the whole document.",
                    Outcome::Changed,
                )
            };
            problems.push(Problem::new(field, code, message).about(document.id));
            become_existing(document, merged.json, merged.changes, steps(outcome));
        }
    }
}

/// On EKS, with `existingRunnerTrustPolicy`: the runner role's trust policy as that policy
/// with the runner's service accounts added (IRSA), or the pasted one left as it is and
/// said (Pod Identity, which the builder does not merge).
pub(crate) fn runner_trust(
    request: &Request,
    form: &Form,
    document: &mut Document,
    problems: &mut Vec<Problem>,
) {
    let field = Field::ExistingRunnerTrustPolicy;
    let Some(policy) = pasted(
        &request.existing_runner_trust_policy,
        field,
        PolicyKind::Trust,
        problems,
    ) else {
        document.complete = false;
        return;
    };
    let (Some(policy), Some(eks)) = (policy, form.eks.as_ref()) else {
        return;
    };
    say_broad_grants(
        &policy,
        field,
        Code::PastedTrustTooBroad,
        document,
        problems,
    );
    let Some((provider, issuer, subjects, like)) = web_identity_subjects(form) else {
        let message = if eks.credentials == EksCredentials::PodIdentity {
            "With Pod Identity the builder does not merge a pasted trust policy: the document below is a new one. Add its statement to your policy's statements by hand, or paste it whole if the role trusts nothing else."
        } else {
            "The pasted trust policy is merged once the account, the OpenID Connect provider URL, the namespace and the service accounts are valid: until then the document below is a new one, not yours with the changes."
        };
        problems.push(Problem::new(field, Code::RunnerTrustNotMerged, message).about(document.id));
        document.complete = false;
        return;
    };
    let runner = Runner {
        provider: &provider,
        issuer: &issuer,
        subjects: &subjects,
        like,
    };
    let merged = merge_web_identity(&policy, &runner);
    let kind = TrustMerge {
        denied: Code::WebIdentityTrustDenied,
        already: Code::WebIdentityTrustAlreadyAllows,
        merged: Code::WebIdentityTrustMerged,
        action: "sts:AssumeRoleWithWebIdentity",
        already_message: "The pasted trust policy already lets the runner's service accounts assume the role, or what refuses them is said above: nothing to change.",
    };
    settle_trust(
        &kind,
        field,
        policy.json,
        merged,
        document,
        problems,
        |outcome| {
            let edit = match outcome {
                Outcome::Changed => TrustEdit::Changed,
                Outcome::Unchanged => TrustEdit::Unchanged,
                Outcome::Blocked => TrustEdit::Blocked,
            };
            runner_trust_steps(form, eks, edit)
        },
    );
}

/// Says on the document what the pasted policy grants beyond named principals, actions
/// and resources (kept as written, as everything pasted is).
fn say_broad_grants(
    policy: &Pasted,
    field: Field,
    code: Code,
    document: &Document,
    problems: &mut Vec<Problem>,
) {
    for sentence in crate::read::existing::breadth::broad_grants(policy) {
        problems.push(Problem::new(field, code, sentence).about(document.id));
    }
}

/// The text as a sentence: a full stop unless it already ends in one, or in a question.
fn sentence(text: &str) -> String {
    if text.ends_with(['.', '?', '!']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// The document is now the pasted one, changed as `changes` say.
fn become_existing(
    document: &mut Document,
    json: crate::model::Json,
    changes: Vec<String>,
    steps: Vec<String>,
) {
    document.size = Size {
        characters: json.compact_chars(),
        limit: document.size.limit,
    };
    document.placement.steps = steps;
    document.policy = Policy::Existing(json);
    document.origin = Origin::Existing;
    document.changes = Some(changes);
}

/// What became of a pasted policy, for its steps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// The builder changed it: paste it back.
    Changed,
    /// It needed nothing.
    Unchanged,
    /// A `Deny` must go first; the builder does not remove it.
    Blocked,
}

fn existing_trust_steps(form: &Form, outcome: Outcome) -> Vec<String> {
    let role = form.task_role;
    let mut steps = vec![format!(
        "In the IAM console, open Roles → {role} → Trust relationships and choose Edit trust policy."
    )];
    steps.push(match outcome {
        Outcome::Unchanged => "It already holds everything below: there is nothing to paste.".to_owned(),
        Outcome::Changed => "Replace everything in the editor with this document — your policy with the changes listed, nothing removed — and choose Update policy.".to_owned(),
        Outcome::Blocked => "Remove or narrow the Deny statement named above, then copy the policy again and paste it here.".to_owned(),
    });
    steps.push(crate::documents::task_definition_step(
        form,
        "taskRoleArn",
        role,
    ));
    steps
}

/// With `existingSecretsPolicy`: what it granted each entry, and the secrets document as
/// that policy fixed.
pub(crate) fn secrets(
    request: &Request,
    form: &Form,
    document: &mut Option<Document>,
    problems: &mut Vec<Problem>,
) -> Vec<Access> {
    let field = Field::ExistingSecretsPolicy;
    let Some(policy) = pasted(
        &request.existing_secrets_policy,
        field,
        PolicyKind::Inline,
        problems,
    ) else {
        if let Some(document) = document {
            document.complete = false;
        }
        return Vec::new();
    };
    let (Some(policy), Some(document)) = (policy, document.as_mut()) else {
        return Vec::new();
    };
    let Some(built) = document.policy.as_new() else {
        return Vec::new();
    };
    let grants = grants(request, form, built);
    say_broad_grants(
        &policy,
        field,
        Code::PastedPolicyTooBroad,
        document,
        problems,
    );
    let fixed = check_and_fix(&policy, &grants);
    // The listed secrets' grants come in the list's order, so the i-th is the i-th secret.
    let mut secret_index = 0;
    let access: Vec<Access> = grants
        .iter()
        .zip(&fixed.findings)
        .map(|(grant, finding)| Access {
            entry: grant.entry.clone(),
            resource: grant.resource.clone(),
            action: grant.action,
            before: finding.decision,
            statement: finding.statement.clone(),
            reason: finding.reason.clone(),
            console_url: secret_page(form, grant, &mut secret_index),
        })
        .collect();
    for (grant, finding) in grants.iter().zip(&fixed.findings) {
        let code = match finding.decision {
            crate::read::existing::Decision::ExplicitlyDenied => Code::SecretsPolicyDenied,
            crate::read::existing::Decision::Conditional => Code::SecretsPolicyConditional,
            crate::read::existing::Decision::Allowed
            | crate::read::existing::Decision::Denied
            | crate::read::existing::Decision::Undecided => {
                continue;
            }
        };
        problems.push(
            Problem::new(field, code, format!("{}: {}", grant.entry, finding.reason))
                .about(document.id),
        );
    }
    for (index, reason) in &fixed.still_conditional {
        problems.push(
            Problem::new(
                field,
                Code::SecretsPolicyConditional,
                format!("{}: {reason}", grants[*index].entry),
            )
            .about(document.id),
        );
    }
    let unchecked = fixed
        .findings
        .iter()
        .filter(|f| f.decision == crate::read::existing::Decision::Undecided)
        .count();
    if unchecked > 0 {
        problems.push(
            Problem::new(
                field,
                Code::SecretsPolicyUnchecked,
                format!(
                    "{} of the {} entries could not be checked: the pasted policy's patterns take more comparing than the builder allows for one build. The builder added nothing for them; check them with the IAM policy simulator, or paste the role's own policy.",
                    crate::text::thousands(unchecked),
                    crate::text::thousands(grants.len())
                ),
            )
            .about(document.id),
        );
        // Whether it grants what the agent needs is not known.
        document.complete = false;
    }
    let blocked = fixed
        .findings
        .iter()
        .any(|f| f.decision == crate::read::existing::Decision::ExplicitlyDenied);
    if blocked {
        // It cannot work until the person changes the Deny.
        document.complete = false;
    }
    let unchanged = fixed.changes.is_empty();
    let outcome = match (blocked, unchanged) {
        (true, _) => Outcome::Blocked,
        (false, true) => Outcome::Unchanged,
        (false, false) => Outcome::Changed,
    };
    let (code, message) = if unchanged {
        (
            Code::SecretsPolicyAlreadyAllows,
            "The pasted secrets policy already allows everything the agent needs (or what it lacks is denied or conditional, as said above): nothing to change.".to_owned(),
        )
    } else {
        (
            Code::SecretsPolicyFixed,
            "The secrets policy below is the one you pasted, fixed where listed; every other statement is as you wrote it.".to_owned(),
        )
    };
    problems.push(Problem::new(field, code, message).about(document.id));
    let steps = existing_secrets_steps(form, outcome);
    become_existing(document, fixed.json, fixed.changes, steps);
    document.placement.console_url = form.role_url(form.execution_role, RoleTab::Permissions);
    access
}

fn existing_secrets_steps(form: &Form, outcome: Outcome) -> Vec<String> {
    let role = form.execution_role;
    let mut steps = vec![format!(
        "In the IAM console, open Roles → {role} → Permissions, choose the inline policy you copied, then Edit and the JSON tab."
    )];
    steps.push(match outcome {
        Outcome::Unchanged => "It already grants what the agent needs: there is nothing to paste.".to_owned(),
        Outcome::Changed => "Replace everything in the editor with this document — your policy, fixed where listed — then choose Next and Save changes.".to_owned(),
        Outcome::Blocked => "Change or remove the Deny statement named above first: no Allow can override it. Then paste this document, which has the rest fixed.".to_owned(),
    });
    // A role the user already has may lack what a new one starts with.
    steps.push(crate::documents::managed_policy_step(
        &form
            .partition
            .managed_policy_arn(crate::documents::MANAGED_POLICY),
    ));
    steps.push(crate::documents::task_definition_step(
        form,
        "executionRoleArn",
        role,
    ));
    steps
}

/// Each action on each resource the built secrets document grants, with the entry it came
/// from as typed.
fn grants(
    request: &Request,
    form: &Form,
    built: &crate::model::policy::PolicyDocument,
) -> Vec<Grant> {
    let typed = |list: &[String], sources: &[usize], i: usize, fallback: &str| {
        sources
            .get(i)
            .and_then(|&source| list.get(source))
            .map_or_else(|| fallback.to_owned(), |text| text.trim().to_owned())
    };
    let mut grants = Vec::new();
    for statement in &built.statement {
        let condition = statement.condition.as_ref().and_then(|condition| {
            serde_json::to_string(condition)
                .ok()
                .and_then(|text| json::parse(&text).ok())
        });
        for &action in statement.action.as_slice() {
            let resources = statement.resource.iter().flat_map(|r| r.as_slice());
            for (i, resource) in resources.enumerate() {
                let (entry, sid) = match action {
                    "secretsmanager:GetSecretValue" if form.scope == Scope::Listed => (
                        typed(&request.secrets, &form.secrets.sources, i, resource),
                        "ReadAgentSecrets",
                    ),
                    "secretsmanager:GetSecretValue" => (resource.clone(), "ReadAgentSecrets"),
                    "kms:Decrypt" => (
                        typed(&request.kms_keys, &form.kms_keys.sources, i, resource),
                        "DecryptAgentSecrets",
                    ),
                    _ => (
                        typed(&request.parameters, &form.parameters.sources, i, resource),
                        "ReadAgentParameters",
                    ),
                };
                grants.push(Grant {
                    entry,
                    action,
                    resource: resource.clone(),
                    condition: condition.clone(),
                    sid,
                });
            }
        }
    }
    grants
}

/// A listed secret's page in the console, where its full ARN (with the suffix) is shown.
/// `next` counts the secrets' grants seen so far.
fn secret_page(form: &Form, grant: &Grant, next: &mut usize) -> Option<String> {
    if grant.action != "secretsmanager:GetSecretValue" || form.scope != Scope::Listed {
        return None;
    }
    let index = *next;
    *next += 1;
    let (name, region) = match form.secrets.items.get(index)? {
        SecretRef::Name(name) => (name.as_str(), form.region?.code()),
        SecretRef::Arn(arn) => (arn.name.as_str(), arn.region.code()),
    };
    if name.contains(['*', '?']) {
        return None;
    }
    crate::aws::console::secret_url(form.partition, region, name)
}
