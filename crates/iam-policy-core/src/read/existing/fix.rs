//! Checks a pasted permissions policy against what the agent needs — says, for each secret,
//! key and parameter, what it grants and why — and fixes it in place: a suffix-less secret
//! ARN gets its `-??????`, what is still missing is added to the statement that already
//! grants that action (or a new one). Every other statement stays as it was. An explicit
//! `Deny` is reported, never removed; a grant under a condition is left and named.

use super::evaluate::{Decision, Evaluator, NearMiss, Part, covers_action};
use super::read::{Effect, Pasted, StatementView, read};
use super::{capitalised, unique_sid};
use crate::model::json::Json;
use crate::text::glob::Budget;
use std::cell::RefCell;

/// What the agent needs from the policy: one action on one resource, for one form entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    /// The entry as typed.
    pub entry: String,
    /// The action, e.g. `secretsmanager:GetSecretValue`.
    pub action: &'static str,
    /// The resource the builder's own policy grants (`…:secret:matillion/agent-??????`).
    pub resource: String,
    /// The `Condition` the builder's own statement for it carries (KMS's
    /// `kms:ViaService`), for a statement the fix has to add.
    pub condition: Option<Json>,
    /// The Sid the builder gives a statement of this action.
    pub sid: &'static str,
}

impl Grant {
    /// A real ARN the resource stands for, to put to the evaluator: each `?` an `a`, each
    /// `*` an `x` (`…agent-??????` → `…agent-aaaaaa`).
    pub fn probe(&self) -> String {
        self.resource.replace('?', "a").replace('*', "x")
    }

    /// The same ARN without the six-character suffix pattern: what people write.
    fn without_suffix(&self) -> Option<&str> {
        self.resource.strip_suffix("-??????")
    }
}

/// One grant as the pasted policy decided it, before the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What it decided.
    pub decision: Decision,
    /// The deciding statement: its Sid, or its 1-based position.
    pub statement: Option<String>,
    /// Why, in a sentence.
    pub reason: String,
}

/// The check and the fixed document.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    /// One finding per grant, in order.
    pub findings: Vec<Finding>,
    /// The pasted policy with what was missing added.
    pub json: Json,
    /// What changed, a sentence each.
    pub changes: Vec<String>,
    /// Grants the fix allowed that a `Deny` under a condition may still refuse: the grant's
    /// index and why.
    pub still_conditional: Vec<(usize, String)>,
}

/// Checks `pasted` against `grants` and fixes what it can. Every evaluation of the check
/// and of the fix spends from one budget: a grant decided after it ran out is
/// `Undecided`, and the fix adds nothing for it.
pub fn check_and_fix(pasted: &Pasted, grants: &[Grant]) -> Fixed {
    let budget = RefCell::new(Budget::new(super::evaluate::EVALUATION_BUDGET));
    let pasted_evaluator = Evaluator::sharing(&pasted.statements, &budget);
    let findings: Vec<Finding> = grants
        .iter()
        .map(|grant| finding(&pasted_evaluator, &pasted.statements, grant))
        .collect();
    let mut json = pasted.json.clone();
    let mut changes = Vec::new();
    // 1. A secret ARN written without its suffix gets the suffix pattern, where it is.
    for grant in grants {
        let Some(bare) = grant.without_suffix() else {
            continue;
        };
        for statement in &pasted.statements {
            // The cheap test first: at IAM's quota this runs for every grant and statement.
            let Some(resources) = &statement.resources else {
                continue;
            };
            if resources.negated
                || !resources.values.iter().any(|r| r == bare)
                || statement.effect != Effect::Allow
                || !covers_action(&statement.actions, grant.action)
            {
                continue;
            }
            if replace_resource(&mut json, statement.index, bare, &grant.resource) {
                changes.push(format!(
                    "In {}, {} became {}: a secret's ARN ends in six characters AWS adds, and without them it matches no secret.",
                    statement.name(),
                    short_arn(bare),
                    short_arn(&grant.resource)
                ));
            }
        }
    }
    // 2. What is still not allowed (and not denied, nor conditional) is added.
    // Without a suffix added the statements are the pasted ones, already decided above.
    let reread_current = (!changes.is_empty()).then(|| reread(&json));
    let current = reread_current
        .as_ref()
        .map_or(pasted.statements.as_slice(), |c| c.statements.as_slice());
    let missing: Vec<&Grant> = match &reread_current {
        None => grants
            .iter()
            .zip(&findings)
            .filter(|(_, f)| f.decision == Decision::Denied)
            .map(|(g, _)| g)
            .collect(),
        Some(_) => {
            let evaluator = Evaluator::sharing(current, &budget);
            grants
                .iter()
                .filter(|g| evaluator.evaluate(g.action, &g.probe()).decision == Decision::Denied)
                .collect()
        }
    };
    let mut actions: Vec<&'static str> = missing.iter().map(|g| g.action).collect();
    actions.dedup();
    for action in actions {
        let adding: Vec<&Grant> = missing
            .iter()
            .copied()
            .filter(|g| g.action == action)
            .collect();
        let resources: Vec<String> = adding.iter().map(|g| g.resource.clone()).collect();
        let condition = adding.first().and_then(|g| g.condition.clone());
        let target = current
            .iter()
            .find(|s| accepts_resources(s, action, condition.is_some()));
        match target {
            Some(statement) => {
                if let Some(list) = json
                    .statement_mut(statement.index)
                    .and_then(|s| s.get_mut("Resource"))
                {
                    for resource in &resources {
                        list.push_to_list(Json::String(resource.clone()));
                    }
                }
                changes.push(format!(
                    "Added {} to the resources of {}, which already allows {action}.",
                    list_of(&resources),
                    statement.name()
                ));
            }
            None => {
                let sid = unique_sid(current, adding.first().map_or("AgentAccess", |g| g.sid));
                let mut entries = vec![
                    ("Sid".to_owned(), Json::String(sid.clone())),
                    ("Effect".to_owned(), Json::String("Allow".to_owned())),
                    ("Action".to_owned(), Json::String(action.to_owned())),
                    (
                        "Resource".to_owned(),
                        Json::Array(resources.iter().cloned().map(Json::String).collect()),
                    ),
                ];
                if let Some(condition) = condition {
                    entries.push(("Condition".to_owned(), condition));
                }
                json.push_statement(Json::Object(entries));
                changes.push(format!(
                    "Added a statement “{sid}” allowing {action} on {}.",
                    list_of(&resources)
                ));
            }
        }
    }
    let after = reread(&json);
    let after_evaluator = Evaluator::sharing(&after.statements, &budget);
    // Only a Deny can still refuse what the fix allowed; the fix never adds one.
    let could_refuse = after_evaluator.has_deny();
    let still_conditional = grants
        .iter()
        .enumerate()
        .filter(|(i, _)| could_refuse && findings[*i].decision == Decision::Denied)
        .filter_map(|(i, grant)| {
            let verdict = after_evaluator.evaluate(grant.action, &grant.probe());
            let by = verdict.statement.and_then(|s| after.statements.get(s))?;
            (verdict.decision == Decision::Conditional && by.effect == Effect::Deny).then(|| {
                (
                    i,
                    format!(
                        "{} still denies it when {} holds: check it does not for the agent's task.",
                        capitalised(&by.name()),
                        verdict.depends_on.join(", ")
                    ),
                )
            })
        })
        .collect();
    Fixed {
        findings,
        json,
        changes,
        still_conditional,
    }
}

/// The pasted document's statements after a change (the fix only adds what reads back).
fn reread(json: &Json) -> Pasted {
    let text = serde_json::to_string(json).unwrap_or_default();
    read(&text).unwrap_or_else(|_| Pasted {
        json: json.clone(),
        statements: Vec::new(),
        kind: crate::model::PolicyKind::Inline,
    })
}

fn finding(evaluator: &Evaluator, statements: &[StatementView], grant: &Grant) -> Finding {
    let probe = grant.probe();
    let verdict = evaluator.evaluate(grant.action, &probe);
    let by = verdict.statement.and_then(|i| statements.get(i));
    let statement = by.map(StatementView::reference);
    let name = by.map_or_else(String::new, StatementView::name);
    let reason = match verdict.decision {
        Decision::Allowed => format!("Allowed by {name}."),
        Decision::ExplicitlyDenied => format!(
            "Denied by {name}: an Allow cannot override a Deny, so change or remove that statement."
        ),
        Decision::Conditional => format!(
            "Allowed by {name} only when {} holds: check it does for the agent's task.",
            verdict.depends_on.join(", ")
        ),
        Decision::Undecided => "Not checked: the pasted policy's patterns take more comparing than the builder allows for one build, so the builder cannot say whether it allows this. Check it with the IAM policy simulator.".to_owned(),
        Decision::Denied => why_denied(
            evaluator.near_miss(grant.action, &probe, grant.without_suffix()),
            statements,
            grant,
            &probe,
        ),
    };
    Finding {
        decision: verdict.decision,
        statement,
        reason,
    }
}

/// Why nothing allows the grant, in a sentence: the near miss people make, when there is
/// one.
fn why_denied(
    near_miss: Option<NearMiss>,
    statements: &[StatementView],
    grant: &Grant,
    probe: &str,
) -> String {
    let name = |index: usize| {
        statements
            .get(index)
            .map_or_else(String::new, StatementView::name)
    };
    let field = |arn: &str, i: usize| arn.split(':').nth(i).unwrap_or_default().to_owned();
    match near_miss {
        Some(NearMiss::NoSuffix { statement, pattern }) => format!(
            "{} has no -?????? suffix, so it matches no secret ({}).",
            short_arn(pattern),
            name(statement)
        ),
        Some(NearMiss::OtherPlace {
            statement,
            pattern,
            part,
        }) => {
            let (what, at) = match part {
                Part::Partition => ("partition", 1),
                Part::Region => ("region", 3),
                _ => ("account", 4),
            };
            format!(
                "{} names {what} {}, not {}.",
                capitalised(&name(statement)),
                field(pattern, at),
                field(probe, at)
            )
        }
        Some(NearMiss::OtherCase { statement, pattern }) => format!(
            "{} names {}, which differs only in letter case: secret names are case-sensitive.",
            capitalised(&name(statement)),
            short_arn(pattern)
        ),
        Some(NearMiss::OtherAction { statement }) => format!(
            "{} names it but allows {}, not {}.",
            capitalised(&name(statement)),
            statements
                .get(statement)
                .map_or_else(String::new, |s| s.actions.values.join(", ")),
            grant.action
        ),
        None => format!("No statement allows {} on it.", grant.action),
    }
}

/// A statement the fix may add resources to: an unconditioned `Allow` of exactly this
/// action (or, for a grant that needs a condition, none: it gets its own statement).
fn accepts_resources(statement: &StatementView, action: &str, needs_condition: bool) -> bool {
    !needs_condition
        && statement.is_unconditioned_allow_of(action)
        && statement
            .resources
            .as_ref()
            .is_some_and(|r| !r.negated && !r.values.iter().any(|v| v == "*"))
}

fn replace_resource(json: &mut Json, index: usize, from: &str, to: &str) -> bool {
    let Some(resource) = json
        .statement_mut(index)
        .and_then(|s| s.get_mut("Resource"))
    else {
        return false;
    };
    let mut replaced = false;
    let mut swap = |value: &mut Json| {
        if value.as_str() == Some(from) {
            *value = Json::String(to.to_owned());
            replaced = true;
        }
    };
    match resource {
        Json::Array(items) => items.iter_mut().for_each(&mut swap),
        one => swap(one),
    }
    replaced
}

/// The part of a secret ARN that matters to a reader: `…:secret:matillion/agent-??????`.
fn short_arn(arn: &str) -> String {
    match arn.find(":secret:") {
        Some(at) => format!("…{}", &arn[at..]),
        None => arn.to_owned(),
    }
}

fn list_of(resources: &[String]) -> String {
    let shown: Vec<String> = resources.iter().take(3).map(|r| short_arn(r)).collect();
    match resources.len() {
        n if n > 3 => format!("{} and {} more", shown.join(", "), n - 3),
        _ => shown.join(", "),
    }
}
