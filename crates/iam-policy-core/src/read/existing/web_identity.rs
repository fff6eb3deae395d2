//! Adds the runner's service accounts to a web-identity trust policy the runner role
//! already has, removing nothing: the console's "Edit trust policy" replaces the whole
//! document, and one role often serves several clusters or workloads.
//!
//! Each subject (`system:serviceaccount:<namespace>:<name>`) joins the `:sub` lists of a
//! statement for the same OIDC provider whose other conditions the pod's token meets (its
//! audience is `sts.amazonaws.com`); a statement the console's Web identity wizard wrote,
//! with no `:sub` at all, gains one (it let every service account of the cluster in). A new
//! statement, fully conditioned, only when no statement names the provider. Never a
//! statement beside one for the same provider: that would bypass its conditions. A `Deny`
//! that refuses the runner stops the merge; conditions the builder cannot judge are left
//! and said.

use super::evaluate::covers_action;
use super::merge::{DenyInTheWay, Merged};
use super::read::{Effect, Pasted, StatementView};
use crate::aws::eks::STS_AUDIENCE;
use crate::input::problem::Code;
use crate::model::json::Json;
use crate::text::glob::{Budget, glob_matches};

/// The action IRSA assumes a role with.
pub const ASSUME_ROLE_WITH_WEB_IDENTITY: &str = "sts:AssumeRoleWithWebIdentity";
/// Comparisons between one pasted policy's patterns and the runner's subjects, at most.
const BUDGET: usize = 100_000;

/// The runner's side of the merge: its provider, issuer and subjects.
#[derive(Debug, Clone)]
pub struct Runner<'a> {
    /// The IAM OIDC provider's ARN, as the `Federated` principal names it.
    pub provider: &'a str,
    /// The issuer's host/path, the condition keys' prefix.
    pub issuer: &'a str,
    /// `system:serviceaccount:<namespace>:<name>`, one per service account.
    pub subjects: &'a [String],
    /// Whether a subject holds a wildcard the person typed (then `StringLike`).
    pub like: bool,
}

/// What a statement's conditions make of one subject's token.
#[derive(Debug, Clone, PartialEq)]
enum Judged {
    /// Every condition holds.
    Allows,
    /// Only positive `:sub` tests refuse it: adding the subject to these (operator, key)
    /// lists lets it in and no one else.
    NeedsSubject(Vec<(String, String)>),
    /// A condition refuses it that the builder will not change; why.
    Refuses(String),
    /// A condition the builder cannot judge; why.
    Undecided(String),
}

/// Merges the runner's subjects into the pasted trust policy.
pub fn merge_web_identity(pasted: &Pasted, runner: &Runner<'_>) -> Result<Merged, DenyInTheWay> {
    let mut json = pasted.json.clone();
    let mut changes = Vec::new();
    let mut notes = Vec::new();
    let mut budget = Budget::new(BUDGET);
    let condition_of = |index: usize| {
        pasted
            .json
            .statement(index)
            .and_then(|s| s.get("Condition"))
            .cloned()
            .unwrap_or(Json::Null)
    };
    // A Deny that refuses a subject wins over every Allow: nothing to add can help.
    for statement in pasted.statements.iter().filter(|s| {
        s.effect == Effect::Deny
            && covers_action(&s.actions, ASSUME_ROLE_WITH_WEB_IDENTITY)
            && names_provider(s, runner.provider, true)
    }) {
        for subject in runner.subjects {
            match judge(
                &condition_of(statement.index),
                runner.issuer,
                subject,
                &mut budget,
            ) {
                Judged::Allows => {
                    return Err(DenyInTheWay {
                        statement: statement.name(),
                        service: subject.clone(),
                    });
                }
                Judged::Undecided(why) => {
                    notes.push((
                        Code::WebIdentityConditionUndecided,
                        format!(
                            "{} denies web identities from this cluster under conditions the builder cannot judge ({why}): nothing was added; check it does not refuse {subject}.",
                            super::capitalised(&statement.name())
                        ),
                    ));
                    return Ok(Merged {
                        json,
                        changes,
                        notes,
                    });
                }
                Judged::NeedsSubject(_) | Judged::Refuses(_) => {}
            }
        }
    }
    let candidates: Vec<&StatementView> = pasted
        .statements
        .iter()
        .filter(|s| {
            s.effect == Effect::Allow
                && covers_action(&s.actions, ASSUME_ROLE_WITH_WEB_IDENTITY)
                && names_provider(s, runner.provider, false)
        })
        .collect();
    if candidates.is_empty() {
        let sid = super::unique_sid(&pasted.statements, "AllowEksServiceAccountsAssumeRole");
        json.push_statement(new_statement(&sid, runner));
        changes.push(format!(
            "Added a statement “{sid}” letting {} assume the role with tokens from {}.",
            runner.subjects.join(", "),
            runner.issuer
        ));
        return Ok(Merged {
            json,
            changes,
            notes,
        });
    }
    let tests_sub = |index: usize| has_key(&condition_of(index), &sub_key(runner.issuer));
    let mut narrowed = false;
    let mut broad_said = Vec::new();
    for subject in runner.subjects {
        let judged: Vec<(&StatementView, Judged)> = candidates
            .iter()
            .map(|s| {
                (
                    *s,
                    judge(&condition_of(s.index), runner.issuer, subject, &mut budget),
                )
            })
            .collect();
        let allowing: Vec<&StatementView> = judged
            .iter()
            .filter(|(_, j)| *j == Judged::Allows)
            .map(|(s, _)| *s)
            .collect();
        if !allowing.is_empty() {
            if !narrowed && !candidates.iter().any(|s| tests_sub(s.index)) {
                // The wizard's statement: every service account of the cluster may assume.
                let statement = allowing[0];
                add_subject_condition(&mut json, statement.index, runner);
                narrowed = true;
                changes.push(format!(
                    "In {}, added the condition {} = {}: it tested only the audience, so every service account of the cluster could assume the role.",
                    statement.name(),
                    sub_key(runner.issuer),
                    runner.subjects.join(", ")
                ));
                notes.push((
                    Code::WebIdentityTrustNarrowed,
                    format!(
                        "{} let every service account of the cluster assume the role (it tested only the audience); it now lets in {} only. If other workloads use this role, add their service accounts.",
                        super::capitalised(&statement.name()),
                        runner.subjects.join(", ")
                    ),
                ));
            }
            for statement in allowing {
                if broad_said.contains(&statement.index) {
                    continue;
                }
                if let Some(broad) = breadth(
                    &condition_of(statement.index),
                    runner.issuer,
                    tests_sub(statement.index) || narrowed,
                ) {
                    broad_said.push(statement.index);
                    notes.push((
                        Code::WebIdentityTrustTooBroad,
                        format!("{} {broad}", super::capitalised(&statement.name())),
                    ));
                }
            }
            continue;
        }
        // A typed pattern joins only a pattern list: in a StringEquals list it would match
        // nothing but itself.
        let joinable = |lists: &Vec<(String, String)>| {
            !subject.contains(['*', '?'])
                || lists.iter().all(|(operator, _)| operator.contains("Like"))
        };
        if let Some((statement, Judged::NeedsSubject(lists))) = judged
            .iter()
            .find(|(_, j)| matches!(j, Judged::NeedsSubject(lists) if joinable(lists)))
        {
            for (operator, key) in lists {
                if let Some(values) = json
                    .statement_mut(statement.index)
                    .and_then(|s| s.get_mut("Condition"))
                    .and_then(|c| c.get_mut(operator))
                    .and_then(|o| o.get_mut(key))
                {
                    values.push_to_list(Json::String(subject.clone()));
                }
                changes.push(format!(
                    "In {}, {key} under {operator} gained {subject}.",
                    statement.name()
                ));
            }
            continue;
        }
        let reasons: Vec<String> = judged
            .iter()
            .filter_map(|(s, j)| match j {
                Judged::Refuses(why) | Judged::Undecided(why) => {
                    Some(format!("{}: {why}", s.name()))
                }
                _ => None,
            })
            .collect();
        notes.push((
            Code::WebIdentityConditionUndecided,
            format!(
                "The pasted policy trusts this cluster's tokens only under conditions that refuse {subject} or that the builder cannot judge ({}). Nothing was added beside them, which would bypass them: change them so they let {subject} in.",
                reasons.join("; ")
            ),
        ));
    }
    Ok(Merged {
        json,
        changes,
        notes,
    })
}

/// `<issuer>:sub`.
fn sub_key(issuer: &str) -> String {
    [issuer, ":sub"].concat()
}

/// Whether a statement's principal takes tokens from `provider`: named in `Federated`, or
/// anyone (`"*"`, and for a `Deny` a `NotPrincipal` that leaves it out).
fn names_provider(statement: &StatementView, provider: &str, deny: bool) -> bool {
    statement.principals.as_ref().is_some_and(|p| {
        let named = p.federated.iter().any(|f| f == provider);
        if p.negated {
            deny && !named
        } else {
            named || (deny && p.anyone)
        }
    })
}

fn has_key(condition: &Json, key: &str) -> bool {
    match condition {
        Json::Object(operators) => operators.iter().any(|(_, keys)| match keys {
            Json::Object(keys) => keys.iter().any(|(k, _)| k.eq_ignore_ascii_case(key)),
            _ => false,
        }),
        _ => false,
    }
}

fn strings(value: &Json) -> Vec<&str> {
    match value {
        Json::String(text) => vec![text.as_str()],
        Json::Array(items) => items.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    }
}

/// What a statement's `Condition` makes of the token a runner pod presents: `:sub` the
/// subject, `:aud` `sts.amazonaws.com`. Keys are compared without regard to case, as IAM
/// does; values with it.
fn judge(condition: &Json, issuer: &str, subject: &str, budget: &mut Budget) -> Judged {
    let Json::Object(operators) = condition else {
        return if *condition == Json::Null {
            Judged::Allows
        } else {
            Judged::Undecided("its Condition is not an object".to_owned())
        };
    };
    let sub = sub_key(issuer);
    let aud = [issuer, ":aud"].concat();
    let mut needs = Vec::new();
    for (operator, keys) in operators {
        let Json::Object(keys) = keys else {
            return Judged::Undecided(format!("{operator} does not hold keys"));
        };
        let (base, _) = operator
            .split_once(':')
            .map_or((operator.as_str(), ""), |(set, base)| {
                if set == "ForAnyValue" || set == "ForAllValues" {
                    (base, set)
                } else {
                    (operator.as_str(), "")
                }
            });
        let base = base.strip_suffix("IfExists").unwrap_or(base);
        for (key, wanted) in keys {
            let actual = if key.eq_ignore_ascii_case(&sub) {
                subject
            } else if key.eq_ignore_ascii_case(&aud) {
                STS_AUDIENCE
            } else {
                return Judged::Undecided(format!("{key} under {operator}"));
            };
            let wanted = strings(wanted);
            let mut matches = |case_blind: bool, like: bool| -> Option<bool> {
                let mut any = false;
                for w in &wanted {
                    let hit = if like {
                        glob_matches(w, actual, budget)?
                    } else if case_blind {
                        w.eq_ignore_ascii_case(actual)
                    } else {
                        *w == actual
                    };
                    any |= hit;
                }
                Some(any)
            };
            let (holds, positive) = match base {
                "StringEquals" => (matches(false, false), true),
                "StringEqualsIgnoreCase" => (matches(true, false), true),
                "StringLike" => (matches(false, true), true),
                "StringNotEquals" => (matches(false, false).map(|m| !m), false),
                "StringNotEqualsIgnoreCase" => (matches(true, false).map(|m| !m), false),
                "StringNotLike" => (matches(false, true).map(|m| !m), false),
                // The token always has both keys.
                "Null" => (Some(wanted.contains(&"false")), false),
                other => return Judged::Undecided(format!("the operator {other}")),
            };
            let Some(holds) = holds else {
                return Judged::Undecided("patterns too long to compare".to_owned());
            };
            if holds {
                continue;
            }
            if positive && key.eq_ignore_ascii_case(&sub) {
                needs.push((operator.clone(), key.clone()));
            } else if key.eq_ignore_ascii_case(&aud) {
                return Judged::Refuses(format!(
                    "its {key} allows {}, but the token EKS gives pods carries {STS_AUDIENCE}",
                    wanted.join(", ")
                ));
            } else {
                return Judged::Refuses(format!("its {operator} on {key} excludes {subject}"));
            }
        }
    }
    if needs.is_empty() {
        Judged::Allows
    } else {
        Judged::NeedsSubject(needs)
    }
}

/// What a statement that lets the runner in lets in besides, when that is more than named
/// service accounts: a wildcard `:sub`, or none at all.
fn breadth(condition: &Json, issuer: &str, tests_sub: bool) -> Option<String> {
    if !tests_sub {
        return Some(
            "tests no subject (:sub): every service account of the cluster may assume the role."
                .to_owned(),
        );
    }
    let sub = sub_key(issuer);
    let Json::Object(operators) = condition else {
        return None;
    };
    let mut patterns = Vec::new();
    for (operator, keys) in operators {
        if !operator.contains("Like") || operator.contains("Not") {
            continue;
        }
        if let Json::Object(keys) = keys {
            for (key, values) in keys {
                if key.eq_ignore_ascii_case(&sub) {
                    patterns.extend(
                        strings(values)
                            .into_iter()
                            .filter(|v| v.contains(['*', '?']))
                            .map(str::to_owned),
                    );
                }
            }
        }
    }
    (!patterns.is_empty()).then(|| {
        format!(
            "lets in every service account its patterns match — {} — in any namespace a * covers: anyone who can create such a service account there may assume the role (Matillion's own runner-identity module calls this the usual way IRSA scoping gets given away).",
            patterns.join(", ")
        )
    })
}

/// Adds `StringEquals` `<issuer>:sub` with every subject to a statement that tests none.
fn add_subject_condition(json: &mut Json, index: usize, runner: &Runner<'_>) {
    let Some(statement) = json.statement_mut(index) else {
        return;
    };
    let operator = if runner.like {
        "StringLike"
    } else {
        "StringEquals"
    };
    let values = subjects_json(runner.subjects);
    if statement.get("Condition").is_none()
        && let Json::Object(entries) = statement
    {
        entries.push(("Condition".to_owned(), Json::Object(Vec::new())));
    }
    let Some(Json::Object(operators)) = statement.get_mut("Condition") else {
        return;
    };
    if !operators.iter().any(|(k, _)| k == operator) {
        operators.push((operator.to_owned(), Json::Object(Vec::new())));
    }
    if let Some((_, Json::Object(keys))) = operators.iter_mut().find(|(k, _)| k == operator) {
        keys.push((sub_key(runner.issuer), values));
    }
}

fn subjects_json(subjects: &[String]) -> Json {
    match subjects {
        [one] => Json::String(one.clone()),
        many => Json::Array(many.iter().cloned().map(Json::String).collect()),
    }
}

fn new_statement(sid: &str, runner: &Runner<'_>) -> Json {
    let text = |s: &str| Json::String(s.to_owned());
    let mut conditions = vec![(
        "StringEquals".to_owned(),
        Json::Object(vec![([runner.issuer, ":aud"].concat(), text(STS_AUDIENCE))]),
    )];
    let subjects = (sub_key(runner.issuer), subjects_json(runner.subjects));
    if runner.like {
        conditions.push(("StringLike".to_owned(), Json::Object(vec![subjects])));
    } else if let Some((_, Json::Object(keys))) = conditions.first_mut() {
        keys.push(subjects);
    }
    Json::Object(vec![
        ("Sid".to_owned(), text(sid)),
        ("Effect".to_owned(), text("Allow")),
        (
            "Principal".to_owned(),
            Json::Object(vec![("Federated".to_owned(), text(runner.provider))]),
        ),
        ("Action".to_owned(), text(ASSUME_ROLE_WITH_WEB_IDENTITY)),
        ("Condition".to_owned(), Json::Object(conditions)),
    ])
}
