//! Adds what the agent needs to a trust policy a role already has, removing nothing: the
//! console's "Edit trust policy" and `update-assume-role-policy` replace the whole
//! document, so pasting a fresh one would drop what the role trusted before.
//!
//! A service goes into an `Allow` statement for `sts:AssumeRole` that already names
//! `Service` principals and has no `Condition` (a principal added under a condition
//! inherits it, and EC2 sends no `aws:SourceArn`); otherwise into a new statement. Never
//! into a `Deny` or a `NotPrincipal` statement.
//!
//! A service the policy already trusts under a `Condition` is never given a second,
//! unconditioned statement: that would bypass the condition. Its conditions are judged
//! for the agent's tasks ([`super::trust_conditions`]): kept when they hold, widened in
//! place (and said) when they name another account or region, and left with a warning
//! when they depend on what the builder cannot know.

use super::evaluate::covers_action;
use super::read::{Effect, Pasted, StatementView};
use super::trust_conditions::{Agent, Verdict, judge};
use crate::aws::partition::ECS_TASKS_PRINCIPAL;
use crate::input::problem::Code;
use crate::model::json::Json;

/// The action a role's trust policy grants its principals.
const ASSUME_ROLE: &str = "sts:AssumeRole";

/// One principal the agent needs, and the conditions its statement must carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Need<'a> {
    /// The service principal, in its partition's spelling (`ec2.amazonaws.com.cn`).
    pub service: &'a str,
    /// A `Condition` object for a statement of its own (the confused-deputy conditions for
    /// ECS tasks), or `None` to join an unconditioned statement.
    pub condition: Option<Json>,
}

/// The merged document and what was done to it, in sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The pasted document with what was missing added.
    pub json: Json,
    /// What changed, one sentence each; empty when nothing was needed.
    pub changes: Vec<String>,
    /// What a person should know about the conditions and principals it found, each with
    /// the code its problem carries.
    pub notes: Vec<(Code, String)>,
}

/// Why the trust policy cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenyInTheWay {
    /// The statement, as a message names it.
    pub statement: String,
    /// The service it refuses.
    pub service: String,
}

/// Merges `needs` into the pasted trust policy; `agent` is where the agent's tasks run,
/// when the form says, for judging conditions.
pub fn merge_trust(
    pasted: &Pasted,
    needs: &[Need<'_>],
    agent: Option<&Agent>,
) -> Result<Merged, DenyInTheWay> {
    let mut json = pasted.json.clone();
    let mut statements = pasted.statements.clone();
    let mut changes = Vec::new();
    let mut notes = Vec::new();
    if let Some(ecs) = statements.iter().find(|s| names_ecs_service(s)) {
        notes.push((
            Code::TrustNamesEcsService,
            format!(
                "{} trusts ecs.amazonaws.com, the ECS service itself, not {ECS_TASKS_PRINCIPAL}, which is who the agent's tasks assume a role as.",
                super::capitalised(&ecs.name())
            ),
        ));
    }
    for need in needs {
        if let Some(deny) = statements.iter().find(|s| denies(s, need.service)) {
            return Err(DenyInTheWay {
                statement: deny.name(),
                service: need.service.to_owned(),
            });
        }
        if statements.iter().any(|s| already_allows(s, need)) {
            continue;
        }
        if let Some(settled) = conditioned(&pasted.json, &statements, need, agent) {
            match settled {
                Conditioned::Holds(note) => notes.push((Code::TrustConditionsHold, note)),
                Conditioned::Widened { index, widenings } => {
                    let keys: Vec<&str> = widenings.iter().map(|w| w.key.as_str()).collect();
                    notes.push((
                        Code::TrustConditionWidened,
                        format!(
                            "{} let {} assume the role only under conditions the agent's tasks do not meet: its {} now also name the agent's, as listed below. The condition is widened, not bypassed: check the widened statement is one you want.",
                            super::capitalised(&statements[index].name()),
                            need.service,
                            keys.join(" and ")
                        ),
                    ));
                    for widening in widenings {
                        widen(&mut json, index, &widening);
                        changes.push(format!(
                            "In {}, {} under {} gained {}: it {}. Widened there rather than adding a statement beside it, which would bypass the condition.",
                            statements[index].name(),
                            widening.key,
                            widening.operator,
                            widening.value,
                            widening.why
                        ));
                    }
                }
                Conditioned::Undecided(note) => notes.push((Code::TrustConditionUndecided, note)),
            }
            continue;
        }
        let target = need
            .condition
            .is_none()
            .then(|| statements.iter().find(|s| joinable(s)))
            .flatten()
            .map(|s| s.index);
        match target {
            Some(index) => {
                if let Some(services) = json
                    .statement_mut(index)
                    .and_then(|s| s.get_mut("Principal"))
                    .and_then(|p| p.get_mut("Service"))
                {
                    services.push_to_list(Json::String(need.service.to_owned()));
                }
                if let Some(p) = statements[index].principals.as_mut() {
                    p.service.push(need.service.to_owned());
                }
                changes.push(format!(
                    "Added {} to the Service principals of {}.",
                    need.service,
                    statements[index].name()
                ));
            }
            None => {
                let sid = unique_sid(&statements, need.service);
                let statement = new_statement(&sid, need);
                let index = json.push_statement(statement);
                let conditioned = need.condition.is_some();
                statements.push(StatementView {
                    index,
                    sid: Some(sid.clone()),
                    effect: Effect::Allow,
                    principals: Some(super::read::Principals {
                        service: vec![need.service.to_owned()],
                        ..Default::default()
                    }),
                    actions: super::read::Names {
                        values: vec![ASSUME_ROLE.to_owned()],
                        negated: false,
                    },
                    resources: None,
                    condition_keys: if conditioned {
                        vec!["condition".to_owned()]
                    } else {
                        Vec::new()
                    },
                });
                changes.push(format!(
                    "Added a statement “{sid}” letting {} assume the role{}.",
                    need.service,
                    if conditioned {
                        " from this account's ECS tasks only"
                    } else {
                        ""
                    }
                ));
            }
        }
    }
    Ok(Merged {
        json,
        changes,
        notes,
    })
}

/// What became of a service the policy trusts only under conditions.
enum Conditioned {
    /// They hold for the agent's tasks: nothing to add.
    Holds(String),
    /// The statement at `index` needs these values added.
    Widened {
        index: usize,
        widenings: Vec<super::trust_conditions::Widening>,
    },
    /// Nothing is added; why, in a sentence.
    Undecided(String),
}

/// For a service named only by `Allow` statements with conditions: whether those hold for
/// the agent's tasks, or can be widened to; `None` when no statement names it that way.
fn conditioned(
    json: &Json,
    statements: &[StatementView],
    need: &Need<'_>,
    agent: Option<&Agent>,
) -> Option<Conditioned> {
    let candidates: Vec<&StatementView> = statements
        .iter()
        .filter(|s| {
            s.effect == Effect::Allow
                && grants_assume_role(s)
                && !s.condition_keys.is_empty()
                // `"*"` under a condition is about other principals (an organization's,
                // say): only a statement that names the service trusts it under one.
                && s.principals
                    .as_ref()
                    .is_some_and(|p| !p.negated && p.service.iter().any(|v| v == need.service))
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    // Only ECS tasks send the source keys; for another service, the task's account and
    // region decide nothing.
    let agent = agent.filter(|_| need.service == ECS_TASKS_PRINCIPAL);
    let mut reasons = Vec::new();
    let mut first_widening = None;
    for statement in &candidates {
        let condition = json
            .statement(statement.index)
            .and_then(|s| s.get("Condition"))
            .unwrap_or(&Json::Null);
        match judge(condition, agent) {
            Verdict::Satisfied => {
                return Some(Conditioned::Holds(format!(
                    "{} trusts {} under conditions the agent's tasks meet ({}): kept as it is.",
                    super::capitalised(&statement.name()),
                    need.service,
                    statement.condition_keys.join(", ")
                )));
            }
            Verdict::Widen(widenings) => {
                first_widening.get_or_insert((statement.index, widenings));
            }
            Verdict::Undecided(why) => {
                reasons.push(format!("{}: {}", statement.name(), why.join("; ")));
            }
        }
    }
    if let Some((index, widenings)) = first_widening {
        return Some(Conditioned::Widened { index, widenings });
    }
    Some(Conditioned::Undecided(format!(
        "The pasted policy trusts {} only under conditions the builder cannot check for the agent ({}). Nothing was added beside them, which would bypass them: check they hold for the agent's tasks.",
        need.service,
        reasons.join("; ")
    )))
}

/// Adds a widening's value to its condition's list, in the statement at `index`.
fn widen(json: &mut Json, index: usize, widening: &super::trust_conditions::Widening) {
    if let Some(values) = json
        .statement_mut(index)
        .and_then(|s| s.get_mut("Condition"))
        .and_then(|c| c.get_mut(&widening.operator))
        .and_then(|o| o.get_mut(&widening.key))
    {
        values.push_to_list(Json::String(widening.value.clone()));
    }
}

/// An `Allow` naming the ECS service principal, and not ECS tasks: a common slip.
fn names_ecs_service(statement: &StatementView) -> bool {
    statement.effect == Effect::Allow
        && statement.principals.as_ref().is_some_and(|p| {
            !p.negated
                && p.service.iter().any(|s| s == "ecs.amazonaws.com")
                && !p.service.iter().any(|s| s == ECS_TASKS_PRINCIPAL)
        })
}

/// `sts:AssumeRole` under `sts:*`, `sts:Assume*`, `*`, case-insensitively, and under a
/// `NotAction` that leaves it out: the evaluator's own action matcher, which the
/// differential test holds to IAM's.
fn grants_assume_role(statement: &StatementView) -> bool {
    covers_action(&statement.actions, ASSUME_ROLE)
}

fn names_service(statement: &StatementView, service: &str) -> bool {
    statement
        .principals
        .as_ref()
        .is_some_and(|p| p.anyone || p.service.iter().any(|s| s == service))
}

fn denies(statement: &StatementView, service: &str) -> bool {
    if statement.effect != Effect::Deny || !grants_assume_role(statement) {
        return false;
    }
    match &statement.principals {
        Some(p) if p.negated => !p.service.iter().any(|s| s == service),
        Some(_) => names_service(statement, service),
        None => false,
    }
}

/// The service may already assume the role: an `Allow` names it with no condition. (A
/// conditioned one is judged by [`conditioned`].)
fn already_allows(statement: &StatementView, need: &Need<'_>) -> bool {
    statement.effect == Effect::Allow
        && grants_assume_role(statement)
        && statement
            .principals
            .as_ref()
            .is_some_and(|p| !p.negated && p.service.iter().any(|s| s == need.service))
        && statement.condition_keys.is_empty()
}

fn joinable(statement: &StatementView) -> bool {
    statement.is_unconditioned_allow_of(ASSUME_ROLE)
        && statement
            .principals
            .as_ref()
            .is_some_and(|p| !p.negated && !p.anyone && !p.service.is_empty())
}

/// A Sid no other statement has, from the service's name: `AllowEcsTasksAssumeRole`.
fn unique_sid(statements: &[StatementView], service: &str) -> String {
    let words: String = service
        .split('.')
        .next()
        .unwrap_or(service)
        .split('-')
        .map(super::capitalised)
        .collect();
    super::unique_sid(statements, &format!("Allow{words}AssumeRole"))
}

fn new_statement(sid: &str, need: &Need<'_>) -> Json {
    let text = |s: &str| Json::String(s.to_owned());
    let mut entries = vec![
        ("Sid".to_owned(), text(sid)),
        ("Effect".to_owned(), text("Allow")),
        (
            "Principal".to_owned(),
            Json::Object(vec![("Service".to_owned(), text(need.service))]),
        ),
        ("Action".to_owned(), text(ASSUME_ROLE)),
    ];
    if let Some(condition) = &need.condition {
        entries.push(("Condition".to_owned(), condition.clone()));
    }
    Json::Object(entries)
}
