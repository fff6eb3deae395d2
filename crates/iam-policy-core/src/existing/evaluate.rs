//! Does an identity policy allow an action on a resource? IAM's rules as `FACTS.md` gives
//! them (and as @cloud-copilot/iam-simulate implements them, which the differential test
//! holds this to): an explicit `Deny` wins; actions match case-insensitively with `*` and
//! `?`; an ARN's partition, service, region and account match as case-insensitive patterns
//! each, its resource type literally, and the rest case-sensitively, where `*` may cross
//! `:` and `/`; a short ARN is padded with `*` segments. What the policy alone cannot
//! decide — a `Condition`, a `${policy:variable}` — is `conditional`, naming what it
//! depends on.

use super::read::{Effect, Names, StatementView};
use crate::documents::{Budget, glob_matches};

/// What a policy says about one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    /// An `Allow` matches and no `Deny` does.
    Allowed,
    /// Nothing matches: IAM's implicit deny.
    Denied,
    /// A `Deny` matches.
    ExplicitlyDenied,
    /// The answer depends on a condition or a policy variable.
    Conditional,
}

/// A decision and the statement that made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// The decision.
    pub decision: Decision,
    /// The 0-based index of the deciding statement (none for an implicit deny).
    pub statement: Option<usize>,
    /// For `Conditional`: the condition keys or policy variables it depends on.
    pub depends_on: Vec<String>,
}

/// How one statement relates to the request.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Match {
    No,
    Yes,
    /// Matches if its conditions hold, or its variables resolve to a match.
    Maybe(Vec<String>),
}

/// Steps of glob matching one evaluation may take; far beyond any policy IAM accepts.
const EVALUATION_BUDGET: usize = 50_000_000;

/// Evaluates `action` on `resource` (a full ARN) against the statements of one policy.
pub fn evaluate(statements: &[StatementView], action: &str, resource: &str) -> Verdict {
    let mut budget = Budget::new(EVALUATION_BUDGET);
    let matches: Vec<(&StatementView, Match)> = statements
        .iter()
        .map(|s| (s, statement_matches(s, action, resource, &mut budget)))
        .filter(|(_, m)| *m != Match::No)
        .collect();
    let first = |effect: Effect, sure: bool| {
        matches
            .iter()
            .find(|(s, m)| s.effect == effect && (*m == Match::Yes) == sure)
    };
    if let Some((deny, _)) = first(Effect::Deny, true) {
        return verdict(Decision::ExplicitlyDenied, Some(deny.index), Vec::new());
    }
    let allowed = first(Effect::Allow, true);
    let maybe_allowed = first(Effect::Allow, false);
    // A deny that may match matters only where something would otherwise allow.
    if (allowed.is_some() || maybe_allowed.is_some())
        && let Some((deny, Match::Maybe(keys))) = first(Effect::Deny, false)
    {
        return verdict(Decision::Conditional, Some(deny.index), keys.clone());
    }
    if let Some((allow, _)) = allowed {
        return verdict(Decision::Allowed, Some(allow.index), Vec::new());
    }
    if let Some((allow, Match::Maybe(keys))) = maybe_allowed {
        return verdict(Decision::Conditional, Some(allow.index), keys.clone());
    }
    verdict(Decision::Denied, None, Vec::new())
}

fn verdict(decision: Decision, statement: Option<usize>, depends_on: Vec<String>) -> Verdict {
    Verdict {
        decision,
        statement,
        depends_on,
    }
}

fn statement_matches(
    statement: &StatementView,
    action: &str,
    resource: &str,
    budget: &mut Budget,
) -> Match {
    if !names_match(&statement.actions, |pattern| {
        action_matches(pattern, action, budget)
    }) {
        return Match::No;
    }
    let Some(resources) = &statement.resources else {
        // An identity policy statement without a resource grants nothing.
        return Match::No;
    };
    let mut variables = Vec::new();
    let mut listed = false;
    for pattern in &resources.values {
        match resource_matches(pattern, resource, budget) {
            ResourceMatch::Yes => listed = true,
            ResourceMatch::No => {}
            ResourceMatch::Variable(name) => variables.push(name),
        }
    }
    // `Resource` matches what it lists; `NotResource` what it does not. A variable could
    // resolve either way unless a plain pattern already settled it.
    match (listed, variables.is_empty(), resources.negated) {
        (true, _, true) | (false, true, false) => return Match::No,
        (false, false, _) => return Match::Maybe(variables),
        (true, _, false) | (false, true, true) => {}
    }
    if statement.condition_keys.is_empty() {
        Match::Yes
    } else {
        Match::Maybe(statement.condition_keys.clone())
    }
}

/// The part of an ARN a resource pattern fails on, for saying why a policy grants nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `aws`, `aws-cn`, …
    Partition,
    /// `secretsmanager`, …
    Service,
    /// The region.
    Region,
    /// The account.
    Account,
    /// The resource type and name (`secret:matillion/agent-AbCdEf`).
    Resource,
}

/// The first part of `resource` that `pattern` does not match, `None` when it matches (or
/// when the pattern holds a policy variable, which only a request can settle).
pub fn first_mismatch(pattern: &str, resource: &str) -> Option<Part> {
    if pattern == "*" {
        return None;
    }
    let mut budget = Budget::new(EVALUATION_BUDGET);
    let mut segments: Vec<&str> = pattern.splitn(6, ':').collect();
    let wanted: Vec<&str> = resource.splitn(6, ':').collect();
    if segments.first() != Some(&"arn") || wanted.len() < 6 {
        return Some(Part::Service);
    }
    while segments.len() < 6 {
        segments.push("*");
    }
    let parts = [Part::Partition, Part::Service, Part::Region, Part::Account];
    for (i, part) in parts.into_iter().enumerate() {
        let (p, w) = (
            segments[i + 1].to_ascii_lowercase(),
            wanted[i + 1].to_ascii_lowercase(),
        );
        if !glob_matches(&p, &w, &mut budget).unwrap_or(false) {
            return Some(part);
        }
    }
    match resource_matches(pattern, resource, &mut budget) {
        ResourceMatch::No => Some(Part::Resource),
        ResourceMatch::Yes | ResourceMatch::Variable(_) => None,
    }
}

/// Whether a statement's `Action` / `NotAction` covers `action`.
pub fn covers_action(names: &Names, action: &str) -> bool {
    let mut budget = Budget::new(EVALUATION_BUDGET);
    names_match(names, |pattern| {
        action_matches(pattern, action, &mut budget)
    })
}

fn names_match(names: &Names, mut matches: impl FnMut(&str) -> bool) -> bool {
    let any = names.values.iter().any(|v| matches(v));
    any != names.negated
}

/// `service:Action`, case-insensitive, with `*` and `?` in the action name; `*` alone is
/// every action.
fn action_matches(pattern: &str, action: &str, budget: &mut Budget) -> bool {
    if pattern == "*" {
        return true;
    }
    let (Some((service, name)), Some((want_service, want_name))) =
        (pattern.split_once(':'), action.split_once(':'))
    else {
        return false;
    };
    if name.is_empty() || name.contains(char::is_whitespace) {
        return false;
    }
    service.eq_ignore_ascii_case(want_service)
        && glob_matches(
            &name.to_ascii_lowercase(),
            &want_name.to_ascii_lowercase(),
            budget,
        )
        .unwrap_or(false)
}

enum ResourceMatch {
    Yes,
    No,
    /// Turns on this policy variable.
    Variable(String),
}

fn resource_matches(pattern: &str, resource: &str, budget: &mut Budget) -> ResourceMatch {
    if pattern == "*" {
        return ResourceMatch::Yes;
    }
    let mut segments: Vec<&str> = pattern.splitn(6, ':').collect();
    if segments.first() != Some(&"arn") {
        return ResourceMatch::No;
    }
    while segments.len() < 6 {
        segments.push("*");
    }
    let wanted: Vec<&str> = resource.splitn(6, ':').collect();
    if wanted.len() < 6 {
        return ResourceMatch::No;
    }
    for i in 1..5 {
        let (p, w) = (
            segments[i].to_ascii_lowercase(),
            wanted[i].to_ascii_lowercase(),
        );
        if !glob_matches(&p, &w, budget).unwrap_or(false) {
            return ResourceMatch::No;
        }
    }
    let (rest, wanted_rest) = (segments[5], wanted[5]);
    // The resource type (`secret:`) is literal: no wildcard or variable reaches into it.
    let (product, id) = match rest.find([':', '/']) {
        Some(at) => rest.split_at(at + 1),
        None => ("", rest),
    };
    let Some(wanted_id) = wanted_rest.strip_prefix(product) else {
        return ResourceMatch::No;
    };
    if let Some(start) = id.find("${") {
        let end = id[start..].find('}').map_or(id.len(), |e| start + e + 1);
        return ResourceMatch::Variable(id[start..end].to_owned());
    }
    if glob_matches(id, wanted_id, budget).unwrap_or(false) {
        ResourceMatch::Yes
    } else {
        ResourceMatch::No
    }
}

#[cfg(test)]
mod tests {
    use super::super::read::read;
    use super::*;

    const SECRET: &str =
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-AbCdEf";
    const GET: &str = "secretsmanager:GetSecretValue";

    fn decide(policy: &str) -> Verdict {
        let pasted = read(policy).expect("a policy");
        evaluate(&pasted.statements, GET, SECRET)
    }

    fn allow(resource: &str) -> String {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"{GET}","Resource":"{resource}"}}]}}"#
        )
    }

    #[test]
    fn the_suffix_pattern_allows_and_the_bare_name_denies() {
        let with = decide(&allow(
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????",
        ));
        assert_eq!(with.decision, Decision::Allowed);
        assert_eq!(with.statement, Some(0));
        let without = decide(&allow(
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent",
        ));
        assert_eq!(without.decision, Decision::Denied);
    }

    #[test]
    fn actions_are_case_insensitive_and_names_are_not() {
        let policy = r#"{"Statement":[{"Effect":"Allow","Action":"SecretsManager:getsecret*","Resource":"arn:AWS:SecretsManager:EU-WEST-1:123456789012:secret:matillion/*"}]}"#;
        assert_eq!(decide(policy).decision, Decision::Allowed);
        let policy = allow("arn:aws:secretsmanager:eu-west-1:123456789012:secret:Matillion/*");
        assert_eq!(decide(&policy).decision, Decision::Denied);
    }

    #[test]
    fn a_deny_wins_and_a_condition_is_conditional() {
        let policy = r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"NoSecrets","Effect":"Deny","Action":"secretsmanager:*","Resource":"*"}]}"#;
        assert_eq!(
            decide(policy),
            verdict(Decision::ExplicitlyDenied, Some(1), Vec::new())
        );
        let policy = r#"{"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"data"}}}]}"#;
        assert_eq!(
            decide(policy),
            verdict(
                Decision::Conditional,
                Some(0),
                vec!["aws:ResourceTag/team".to_owned()]
            )
        );
    }

    #[test]
    fn not_action_not_resource_short_arns_and_variables() {
        let policy = r#"{"Statement":[{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::*"}]}"#;
        assert_eq!(decide(policy).decision, Decision::Allowed);
        assert_eq!(
            decide(&allow("arn:aws:secretsmanager")).decision,
            Decision::Allowed
        );
        let variable = decide(&allow(
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:${aws:username}-*",
        ));
        assert_eq!(variable.decision, Decision::Conditional);
        assert_eq!(variable.depends_on, ["${aws:username}"]);
    }
}
