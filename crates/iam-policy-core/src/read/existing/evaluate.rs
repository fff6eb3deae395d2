//! Does an identity policy allow an action on a resource? IAM's rules as `FACTS.md` gives
//! them (and as @cloud-copilot/iam-simulate implements them, which the differential test
//! holds this to): an explicit `Deny` wins; actions match case-insensitively with `*` and
//! `?`; an ARN's partition, service, region and account match as case-insensitive patterns
//! each, its resource type literally, and the rest case-sensitively, where `*` may cross
//! `:` and `/`; a short ARN is padded with `*` segments. What the policy alone cannot
//! decide — a `Condition`, a `${policy:variable}` — is `conditional`, naming what it
//! depends on.

use super::read::{Effect, Names, StatementView};
use crate::text::glob::{Budget, glob_matches};
use crate::text::with_all;
use std::cell::RefCell;

with_all! {
    /// What a policy says about one request.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Decision {
        /// An `Allow` matches and no `Deny` does.
        Allowed,
        /// Nothing matches: IAM's implicit deny.
        Denied,
        /// A `Deny` matches.
        ExplicitlyDenied,
        /// The answer depends on a condition or a policy variable.
        Conditional,
        /// Not decided: the request's budget of matching ran out first (patterns built to be
        /// slow to compare, from a link anyone can send).
        Undecided,
    }
}

impl Decision {
    /// Its id in responses, e.g. `explicitly-denied`.
    pub fn id(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::Denied => "denied",
            Decision::ExplicitlyDenied => "explicitly-denied",
            Decision::Conditional => "conditional",
            Decision::Undecided => "undecided",
        }
    }
}

impl serde::Serialize for Decision {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
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

/// Characters of glob matching one build may spend on pasted policies, across every
/// evaluation of every secret. A policy IAM accepts (10,240 characters) checked against
/// 1,000 secrets by the linear matcher spends a few million; patterns built to be slow
/// run out of it in tens of milliseconds and are reported as not checked.
pub(crate) const EVALUATION_BUDGET: usize = 30_000_000;

/// Evaluates `action` on `resource` (a full ARN) against the statements of one policy.
/// To put many requests to one policy, make an [`Evaluator`] once instead.
pub fn evaluate(statements: &[StatementView], action: &str, resource: &str) -> Verdict {
    Evaluator::new(statements).evaluate(action, resource)
}

/// A policy's statements made ready for many requests: every pattern is split and
/// lower-cased once, not once per request, so checking a policy at IAM's size quota
/// against a thousand secrets stays a matter of milliseconds. Every request it answers
/// spends from one budget, so a thousand requests cost at most what the budget allows.
pub struct Evaluator<'a> {
    statements: Vec<Prepared<'a>>,
    budget: Shared<'a>,
}

/// The budget an evaluator spends: its own, or one several evaluators of a build share.
enum Shared<'a> {
    Own(RefCell<Budget>),
    Borrowed(&'a RefCell<Budget>),
}

impl Shared<'_> {
    fn get(&self) -> &RefCell<Budget> {
        match self {
            Shared::Own(budget) => budget,
            Shared::Borrowed(budget) => budget,
        }
    }
}

/// One statement with its patterns prepared.
struct Prepared<'a> {
    view: &'a StatementView,
    actions: Vec<ActionPattern>,
    /// `None` when the statement names no resource (and so grants nothing).
    resources: Option<Vec<ResourcePattern<'a>>>,
}

enum ActionPattern {
    /// `*`: every action.
    Any,
    /// Something that can name no action (no `:`, an empty or spaced name).
    Never,
    /// `service:Name`, both lower-cased.
    Named { service: String, name: Glob },
}

impl ActionPattern {
    fn new(pattern: &str) -> Self {
        if pattern == "*" {
            return ActionPattern::Any;
        }
        match pattern.split_once(':') {
            Some((service, name)) if !name.is_empty() && !name.contains(char::is_whitespace) => {
                ActionPattern::Named {
                    service: service.to_ascii_lowercase(),
                    name: Glob::new(name.to_ascii_lowercase()),
                }
            }
            _ => ActionPattern::Never,
        }
    }

    fn matches(&self, action: &Action, budget: &mut Budget) -> bool {
        match (self, action) {
            (ActionPattern::Any, _) => true,
            (ActionPattern::Named { service, name }, Action::Named(want_service, want_name)) => {
                service == want_service && name.matches(want_name, budget)
            }
            _ => false,
        }
    }
}

/// The action of a request, lower-cased once.
enum Action {
    Named(String, String),
    /// Not `service:Name`: only `*` matches it.
    Unnamed,
}

impl Action {
    fn new(action: &str) -> Self {
        match action.split_once(':') {
            Some((service, name)) => {
                Action::Named(service.to_ascii_lowercase(), name.to_ascii_lowercase())
            }
            None => Action::Unnamed,
        }
    }
}

/// A resource pattern as IAM reads it.
enum ResourcePattern<'a> {
    /// `*`.
    Any,
    /// Not an ARN: matches nothing.
    NotArn,
    Arn(Box<ArnPattern<'a>>),
}

struct ArnPattern<'a> {
    /// Partition, service, region and account, lower-cased (each is case-insensitive).
    heads: [Glob; 4],
    /// The resource type with its separator (`secret:`), matched literally.
    product: &'a str,
    /// What follows it, a case-sensitive pattern.
    id: &'a str,
    /// `id` holds no wildcard.
    id_literal: bool,
    /// `product` and `id` lower-cased, for saying a name differs only in case.
    product_lower: String,
    id_lower: String,
    /// The policy variable in `id`, which only a request can settle.
    variable: Option<&'a str>,
    /// The pattern had fewer than six `:`-separated parts and was padded with `*`.
    short: bool,
}

impl<'a> ResourcePattern<'a> {
    fn new(pattern: &'a str) -> Self {
        if pattern == "*" {
            return ResourcePattern::Any;
        }
        let mut segments: Vec<&str> = pattern.splitn(6, ':').collect();
        if segments.first() != Some(&"arn") {
            return ResourcePattern::NotArn;
        }
        let short = segments.len() < 6;
        segments.resize(6, "*");
        let rest = segments[5];
        let (product, id) = split_product(rest);
        let variable = id.find("${").map(|start| {
            let end = id[start..].find('}').map_or(id.len(), |e| start + e + 1);
            &id[start..end]
        });
        ResourcePattern::Arn(Box::new(ArnPattern {
            heads: [1, 2, 3, 4].map(|i| Glob::new(segments[i].to_ascii_lowercase())),
            product,
            id,
            id_literal: Glob::is_literal(id),
            product_lower: product.to_ascii_lowercase(),
            id_lower: id.to_ascii_lowercase(),
            variable,
            short,
        }))
    }
}

/// A pattern with `*` and `?`, or without either, which then needs no matcher: most of
/// what a policy names is literal, and comparing it is what checking a thousand secrets
/// mostly does.
struct Glob {
    pattern: String,
    literal: bool,
}

impl Glob {
    /// `*` alone: matches anything, as most of a broad ARN's parts are.
    fn is_everything(&self) -> bool {
        self.pattern == "*"
    }
}

impl Glob {
    fn new(pattern: String) -> Self {
        let literal = Glob::is_literal(&pattern);
        Glob { pattern, literal }
    }

    fn is_literal(pattern: &str) -> bool {
        !pattern.contains(['*', '?'])
    }

    fn matches(&self, text: &str, budget: &mut Budget) -> bool {
        if self.literal {
            self.pattern == text
        } else if self.is_everything() {
            true
        } else {
            glob_matches(&self.pattern, text, budget).unwrap_or(false)
        }
    }
}

/// `secret:matillion/agent-*` → (`secret:`, `matillion/agent-*`): the resource type is
/// literal, so no wildcard or variable reaches into it.
fn split_product(rest: &str) -> (&str, &str) {
    match rest.find([':', '/']) {
        Some(at) => rest.split_at(at + 1),
        None => ("", rest),
    }
}

/// The resource of a request, split and lower-cased once.
pub struct Resource<'r> {
    /// Partition, service, region and account, lower-cased; `None` for something that is
    /// not a full ARN, which only `*` matches.
    heads: Option<[String; 4]>,
    /// Everything after the account.
    rest: &'r str,
    /// The same, lower-cased.
    rest_lower: String,
}

impl<'r> Resource<'r> {
    /// Splits a full ARN.
    pub fn new(arn: &'r str) -> Self {
        let segments: Vec<&str> = arn.splitn(6, ':').collect();
        match segments[..] {
            [_, partition, service, region, account, rest] => Resource {
                heads: Some([partition, service, region, account].map(str::to_ascii_lowercase)),
                rest,
                rest_lower: rest.to_ascii_lowercase(),
            },
            _ => Resource {
                heads: None,
                rest: "",
                rest_lower: String::new(),
            },
        }
    }
}

enum ResourceMatch<'a> {
    Yes,
    No,
    /// Turns on this policy variable.
    Variable(&'a str),
}

impl<'a> ArnPattern<'a> {
    /// The first head (partition, service, region, account) that does not match.
    fn head_mismatch(&self, heads: &[String; 4], budget: &mut Budget) -> Option<Part> {
        let parts = [Part::Partition, Part::Service, Part::Region, Part::Account];
        (0..4)
            .find(|&i| !self.heads[i].matches(&heads[i], budget))
            .map(|i| parts[i])
    }

    /// Whether the part after the account matches, case-sensitively or (for saying a name
    /// differs only in case) not.
    fn rest_matches(
        &self,
        resource: &Resource,
        ignore_case: bool,
        budget: &mut Budget,
    ) -> ResourceMatch<'a> {
        let wanted_id = if ignore_case {
            resource
                .rest_lower
                .strip_prefix(self.product_lower.as_str())
        } else {
            resource.rest.strip_prefix(self.product)
        };
        let Some(wanted_id) = wanted_id else {
            return ResourceMatch::No;
        };
        if let Some(variable) = self.variable {
            return ResourceMatch::Variable(variable);
        }
        let (id, literal) = match ignore_case {
            true => (self.id_lower.as_str(), self.id_literal),
            false => (self.id, self.id_literal),
        };
        let matched = if literal {
            id == wanted_id
        } else {
            glob_matches(id, wanted_id, budget).unwrap_or(false)
        };
        if matched {
            ResourceMatch::Yes
        } else {
            ResourceMatch::No
        }
    }
}

impl<'a> ResourcePattern<'a> {
    fn matches(&self, resource: &Resource, budget: &mut Budget) -> ResourceMatch<'a> {
        match (self, &resource.heads) {
            (ResourcePattern::Any, _) => ResourceMatch::Yes,
            (ResourcePattern::Arn(arn), Some(heads)) => match arn.head_mismatch(heads, budget) {
                Some(_) => ResourceMatch::No,
                None => arn.rest_matches(resource, false, budget),
            },
            _ => ResourceMatch::No,
        }
    }

    /// The first part of the resource this pattern does not match, `None` when it matches
    /// (or holds a policy variable, which only a request can settle).
    fn first_mismatch(&self, resource: &Resource, budget: &mut Budget) -> Option<Part> {
        match (self, &resource.heads) {
            (ResourcePattern::Any, _) => None,
            (ResourcePattern::Arn(arn), Some(heads)) => {
                arn.head_mismatch(heads, budget).or_else(|| {
                    match arn.rest_matches(resource, false, budget) {
                        ResourceMatch::No => Some(Part::Resource),
                        ResourceMatch::Yes | ResourceMatch::Variable(_) => None,
                    }
                })
            }
            _ => Some(Part::Service),
        }
    }
}

/// Why a policy that allows nothing for a request comes close: the mistakes people make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NearMiss<'a> {
    /// An `Allow` of the action names the secret's ARN without its six-character suffix.
    NoSuffix {
        /// The statement's index.
        statement: usize,
        /// The pattern as written.
        pattern: &'a str,
    },
    /// An `Allow` of the action names this very secret in another partition, region or
    /// account.
    OtherPlace {
        /// The statement's index.
        statement: usize,
        /// The pattern as written.
        pattern: &'a str,
        /// Which of the three it names differently.
        part: Part,
    },
    /// An `Allow` of the action names the secret in other letter case.
    OtherCase {
        /// The statement's index.
        statement: usize,
        /// The pattern as written.
        pattern: &'a str,
    },
    /// A statement names the secret (not merely `*`) but allows other actions.
    OtherAction {
        /// The statement's index.
        statement: usize,
    },
}

impl<'a> Evaluator<'a> {
    /// Prepares `statements`, with a budget of its own.
    pub fn new(statements: &'a [StatementView]) -> Self {
        Self::prepare(
            statements,
            Shared::Own(RefCell::new(Budget::new(EVALUATION_BUDGET))),
        )
    }

    /// Prepares `statements`, spending from `budget`, which other evaluators of the same
    /// build share.
    pub(crate) fn sharing(statements: &'a [StatementView], budget: &'a RefCell<Budget>) -> Self {
        Self::prepare(statements, Shared::Borrowed(budget))
    }

    /// Whether the budget ran out: what it answered since is `Undecided` or `None`.
    pub fn ran_out(&self) -> bool {
        self.budget.get().borrow().is_spent()
    }

    fn prepare(statements: &'a [StatementView], budget: Shared<'a>) -> Self {
        let statements = statements
            .iter()
            .map(|view| Prepared {
                view,
                actions: view
                    .actions
                    .values
                    .iter()
                    .map(|a| ActionPattern::new(a))
                    .collect(),
                resources: view
                    .resources
                    .as_ref()
                    .map(|r| r.values.iter().map(|p| ResourcePattern::new(p)).collect()),
            })
            .collect();
        Evaluator { statements, budget }
    }

    /// Whether any statement is a `Deny`: without one, nothing can refuse what an `Allow`
    /// grants.
    pub fn has_deny(&self) -> bool {
        self.statements
            .iter()
            .any(|s| s.view.effect == Effect::Deny)
    }

    /// Evaluates `action` on `resource` (a full ARN); `Undecided` once the budget has run
    /// out.
    pub fn evaluate(&self, action: &str, resource: &str) -> Verdict {
        let budget = &mut *self.budget.get().borrow_mut();
        let decided = Self::decide(self.statements.iter(), action, resource, budget);
        if budget.is_spent() {
            // A pattern that could not be compared was taken as no match: say nothing.
            return verdict(Decision::Undecided, None, Vec::new());
        }
        decided
    }

    fn decide<'s>(
        statements: impl Iterator<Item = &'s Prepared<'a>> + Clone,
        action: &str,
        resource: &str,
        budget: &mut Budget,
    ) -> Verdict
    where
        'a: 's,
    {
        let of = |effect: Effect| statements.clone().filter(move |s| s.view.effect == effect);
        let (action, resource) = (Action::new(action), Resource::new(resource));
        let mut maybe_denied = None;
        for statement in of(Effect::Deny) {
            match statement.matches(&action, &resource, budget) {
                Match::Yes => {
                    return verdict(
                        Decision::ExplicitlyDenied,
                        Some(statement.view.index),
                        Vec::new(),
                    );
                }
                Match::Maybe(keys) if maybe_denied.is_none() => {
                    maybe_denied = Some((statement.view.index, keys));
                }
                Match::Maybe(_) | Match::No => {}
            }
        }
        let (mut allowed, mut maybe_allowed) = (None, None);
        for statement in of(Effect::Allow) {
            match statement.matches(&action, &resource, budget) {
                Match::Yes => {
                    // The first sure Allow decides; a conditional one after it cannot matter.
                    allowed = Some(statement.view.index);
                    break;
                }
                Match::Maybe(keys) if maybe_allowed.is_none() => {
                    maybe_allowed = Some((statement.view.index, keys));
                }
                Match::Maybe(_) | Match::No => {}
            }
        }
        // A deny that may match matters only where something would otherwise allow.
        if (allowed.is_some() || maybe_allowed.is_some())
            && let Some((deny, keys)) = maybe_denied
        {
            return verdict(Decision::Conditional, Some(deny), keys);
        }
        if let Some(allow) = allowed {
            return verdict(Decision::Allowed, Some(allow), Vec::new());
        }
        if let Some((allow, keys)) = maybe_allowed {
            return verdict(Decision::Conditional, Some(allow), keys);
        }
        verdict(Decision::Denied, None, Vec::new())
    }

    /// The near miss that explains why nothing allows `action` on `resource`, if there is
    /// one: the first, in the order the list of [`NearMiss`] kinds gives, then statements.
    /// `bare` is the resource as people write it without its suffix. `None` too once the
    /// budget has run out.
    pub fn near_miss(
        &self,
        action: &str,
        resource: &str,
        bare: Option<&str>,
    ) -> Option<NearMiss<'a>> {
        let budget = &mut *self.budget.get().borrow_mut();
        let found = self.find_near_miss(action, resource, bare, budget);
        found.filter(|_| !budget.is_spent())
    }

    fn find_near_miss(
        &self,
        action: &str,
        resource: &str,
        bare: Option<&str>,
        budget: &mut Budget,
    ) -> Option<NearMiss<'a>> {
        let (wanted_action, wanted) = (Action::new(action), Resource::new(resource));
        let allows: Vec<&Prepared<'a>> = self.of(Effect::Allow).collect();
        for statement in &allows {
            if !statement.covers(&wanted_action, budget) {
                continue;
            }
            let Some(patterns) = statement.listed_resources() else {
                continue;
            };
            for (pattern, prepared) in patterns {
                let index = statement.view.index;
                if Some(pattern) == bare {
                    return Some(NearMiss::NoSuffix {
                        statement: index,
                        pattern,
                    });
                }
                let (ResourcePattern::Arn(arn), Some(heads)) = (prepared, &wanted.heads) else {
                    continue;
                };
                if arn.short {
                    continue;
                }
                // A near miss names this very secret: with the request's partition, region
                // and account in its place, the pattern would match (exactly, or but for
                // case).
                let service = arn.heads[1].matches(&heads[1], budget);
                let rest = |ignore_case, budget: &mut Budget| {
                    !matches!(
                        arn.rest_matches(&wanted, ignore_case, budget),
                        ResourceMatch::No
                    )
                };
                match prepared.first_mismatch(&wanted, budget) {
                    Some(part @ (Part::Account | Part::Region | Part::Partition))
                        if service && rest(false, budget) =>
                    {
                        return Some(NearMiss::OtherPlace {
                            statement: index,
                            pattern,
                            part,
                        });
                    }
                    Some(Part::Resource) if service && rest(true, budget) => {
                        return Some(NearMiss::OtherCase {
                            statement: index,
                            pattern,
                        });
                    }
                    _ => {}
                }
            }
        }
        // The resource is there, the action is not: a typo'd or different action.
        allows.into_iter().find_map(|statement| {
            let patterns = statement.listed_resources()?;
            // A statement on "*" names everything, which says nothing about this secret.
            let names_it = patterns.into_iter().any(|(pattern, prepared)| {
                pattern != "*" && prepared.first_mismatch(&wanted, budget).is_none()
            });
            (names_it && !statement.covers(&wanted_action, budget)).then_some(
                NearMiss::OtherAction {
                    statement: statement.view.index,
                },
            )
        })
    }

    fn of(&self, effect: Effect) -> impl Iterator<Item = &Prepared<'a>> {
        self.statements
            .iter()
            .filter(move |s| s.view.effect == effect)
    }
}

impl<'a> Prepared<'a> {
    fn covers(&self, action: &Action, budget: &mut Budget) -> bool {
        let any = self.actions.iter().any(|p| p.matches(action, budget));
        any != self.view.actions.negated
    }

    /// Its `Resource` patterns with their prepared forms (none for `NotResource`).
    fn listed_resources(&self) -> Option<impl Iterator<Item = (&'a str, &ResourcePattern<'a>)>> {
        let names = self.view.resources.as_ref().filter(|r| !r.negated)?;
        let prepared = self.resources.as_ref()?;
        Some(names.values.iter().map(String::as_str).zip(prepared))
    }

    fn matches(&self, action: &Action, resource: &Resource, budget: &mut Budget) -> Match {
        if !self.covers(action, budget) {
            return Match::No;
        }
        let (Some(patterns), Some(names)) = (&self.resources, &self.view.resources) else {
            // An identity policy statement without a resource grants nothing.
            return Match::No;
        };
        let mut variables = Vec::new();
        let mut listed = false;
        for pattern in patterns {
            match pattern.matches(resource, budget) {
                ResourceMatch::Yes => {
                    listed = true;
                    break;
                }
                ResourceMatch::No => {}
                ResourceMatch::Variable(name) => variables.push(name.to_owned()),
            }
        }
        // `Resource` matches what it lists; `NotResource` what it does not. A variable could
        // resolve either way unless a plain pattern already settled it.
        match (listed, variables.is_empty(), names.negated) {
            (true, _, true) | (false, true, false) => return Match::No,
            (false, false, _) => return Match::Maybe(variables),
            (true, _, false) | (false, true, true) => {}
        }
        if self.view.condition_keys.is_empty() {
            Match::Yes
        } else {
            Match::Maybe(self.view.condition_keys.clone())
        }
    }
}

fn verdict(decision: Decision, statement: Option<usize>, depends_on: Vec<String>) -> Verdict {
    Verdict {
        decision,
        statement,
        depends_on,
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

/// Whether a statement's `Action` / `NotAction` covers `action`.
pub fn covers_action(names: &Names, action: &str) -> bool {
    let mut budget = Budget::new(EVALUATION_BUDGET);
    let action = Action::new(action);
    let any = names
        .values
        .iter()
        .any(|p| ActionPattern::new(p).matches(&action, &mut budget));
    any != names.negated
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
