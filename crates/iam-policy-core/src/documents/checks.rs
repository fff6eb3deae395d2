//! Offline checks on a finished document, in the spirit of IAM Access Analyzer's policy
//! validation. The builder's own documents should never trip most of them; they guard
//! against regressions and catch what users' input makes redundant.

use crate::input::problem::{Code, Field, Problem};
use crate::model::policy::{POLICY_VERSION, PolicyDocument};
use crate::model::{Document, PolicyKind};
use crate::text::fast_hash::{FastMap, FastSet};
use crate::text::glob::first_wildcard;
use crate::text::glob::{Budget, glob_matches};
use std::collections::BTreeSet;

/// How much comparing the checks may do for one request, in characters looked at. Lists
/// come from share links anyone can send, and comparing every wildcard resource with every
/// other costs up to length² per pair; past this the comparison stops and says so, which
/// keeps a keystroke well under a frame even for 1,000 entries of 2,000 characters. An
/// ordinary list (150 names, a few prefixes) uses a few percent of it.
pub(crate) const CHECK_BUDGET: usize = 500_000;

/// Reports every finding about `document` as a problem on the documents field.
pub(crate) fn check(document: &Document, budget: &mut Budget, problems: &mut Vec<Problem>) {
    let title = document.title.to_ascii_lowercase();
    let mut report = |code: Code, message: String| {
        problems.push(Problem::new(Field::Documents, code, message).about(document.id));
    };
    // A pasted policy was checked as it was read; what the builder added to it is its own.
    let crate::model::Policy::New(PolicyDocument { version, statement }) = &document.policy else {
        return;
    };
    if *version != POLICY_VERSION {
        report(
            Code::CheckVersion,
            format!("The {title} must have \"Version\": \"{POLICY_VERSION}\"."),
        );
    }
    let mut sids = FastSet::default();
    for (index, statement) in statement.iter().enumerate() {
        let number = index + 1;
        if let Some(sid) = statement.sid
            && !sids.insert(sid.as_str())
        {
            report(
                Code::CheckSid,
                format!(
                    "Statement {number} of the {title} repeats the Sid “{}”.",
                    sid.as_str()
                ),
            );
        }
        if statement.action.as_slice().is_empty() {
            report(
                Code::CheckEmptyList,
                format!("Statement {number} of the {title} has no Action."),
            );
        }
        let shape_error = match document.kind {
            PolicyKind::Trust if statement.resource.is_some() || statement.principal.is_none() => {
                Some("a trust policy needs Principal and must not have Resource")
            }
            PolicyKind::Inline if statement.principal.is_some() || statement.resource.is_none() => {
                Some("an identity policy needs Resource and must not have Principal")
            }
            _ => None,
        };
        if let Some(rule) = shape_error {
            report(
                Code::CheckShape,
                format!("Statement {number} of the {title} is malformed: {rule}."),
            );
        }
        let Some(resources) = &statement.resource else {
            continue;
        };
        let resources = resources.as_slice();
        if resources.is_empty() {
            report(
                Code::CheckEmptyList,
                format!("Statement {number} of the {title} has an empty Resource list."),
            );
        }
        let mut seen = FastSet::with_capacity_and_hasher(resources.len(), Default::default());
        for resource in resources {
            if !seen.insert(resource.as_str()) {
                report(
                    Code::CheckDuplicateResource,
                    format!("{resource} is listed twice in the {title}."),
                );
            }
        }
        let Redundant { found, complete } = redundant(resources, budget);
        for (resource, covering) in found {
            report(
                Code::CheckRedundantResource,
                format!(
                    "{resource} is already covered by {covering} in the {title}; you can remove it."
                ),
            );
        }
        if !complete {
            report(
                Code::CheckSkipped,
                format!(
                    "Statement {number} of the {title} has too many long wildcard resources to compare on every keystroke, so the check for resources another one already covers stopped early. The policy itself is complete."
                ),
            );
        }
    }
}

/// What `redundant` found, and whether it compared everything (its budget can run out).
struct Redundant<'a> {
    found: Vec<(&'a str, &'a str)>,
    complete: bool,
}

/// Resources without `*` that another, wildcard resource of the same list already matches.
///
/// Linear in the list, because it runs on every keystroke: a pattern whose only wildcards
/// are trailing `?` (every `name-??????`) matches exactly the texts of its own length that
/// start with its head, so one look-up of (length, head) finds it; the few patterns with
/// `*` are indexed by the text before their first wildcard and probed only at the lengths
/// those texts have. Every hash of a head and every pattern comparison is paid for from
/// `budget`: many distinct run lengths or prefix lengths, or many long `*` patterns with
/// one literal start, would otherwise make it quadratic.
fn redundant<'a>(resources: &'a [String], budget: &mut Budget) -> Redundant<'a> {
    let mut by_head: FastMap<(usize, &str), &str> =
        FastMap::with_capacity_and_hasher(resources.len(), Default::default());
    let mut tail_lengths = BTreeSet::new();
    let mut by_prefix: FastMap<&str, Vec<&str>> = FastMap::default();
    let mut prefix_lengths = BTreeSet::new();
    // One look at each resource's wildcards (scans are most of this function's cost).
    let shapes: Vec<Shape> = resources.iter().map(|r| Shape::of(r)).collect();
    // The usual list — only names, each ending in the same `-??????` — cannot hold a
    // redundant resource: with no literal and no other run length, the only pattern a
    // resource's head and length can find is itself. That case skips the index entirely.
    let mut tails = shapes.iter().map(|shape| match *shape {
        Shape::TrailingQuestionMarks { tail_len } => Some(tail_len),
        _ => None,
    });
    let mut found = Vec::new();
    if let Some(Some(first)) = tails.next()
        && tails.all(|tail| tail == Some(first))
    {
        return Redundant {
            found,
            complete: true,
        };
    }
    for (pattern, shape) in resources.iter().zip(&shapes) {
        match *shape {
            Shape::Literal => {}
            Shape::TrailingQuestionMarks { tail_len } => {
                let head_len = pattern.len() - tail_len;
                by_head.insert((pattern.len(), &pattern[..head_len]), pattern.as_str());
                tail_lengths.insert(tail_len);
            }
            Shape::WildcardAt { literal_len, .. } => {
                by_prefix
                    .entry(&pattern[..literal_len])
                    .or_default()
                    .push(pattern.as_str());
                prefix_lengths.insert(literal_len);
            }
        }
    }
    for (resource, shape) in resources.iter().zip(&shapes) {
        if let Shape::WildcardAt { star: true, .. } = shape {
            continue;
        }
        match covering(
            resource,
            &tail_lengths,
            &by_head,
            &prefix_lengths,
            &by_prefix,
            budget,
        ) {
            Some(Some(pattern)) => found.push((resource.as_str(), pattern)),
            Some(None) => {}
            None => {
                return Redundant {
                    found,
                    complete: false,
                };
            }
        }
    }
    Redundant {
        found,
        complete: true,
    }
}

/// A pattern other than `resource` itself that matches it, or `None` when the budget ran
/// out before every candidate was tried.
fn covering<'a>(
    resource: &str,
    tail_lengths: &BTreeSet<usize>,
    by_head: &FastMap<(usize, &str), &'a str>,
    prefix_lengths: &BTreeSet<usize>,
    by_prefix: &FastMap<&str, Vec<&'a str>>,
    budget: &mut Budget,
) -> Option<Option<&'a str>> {
    for &tail in tail_lengths {
        let Some(head) = resource
            .len()
            .checked_sub(tail)
            .and_then(|end| cut(resource, end))
        else {
            continue;
        };
        // Hashing the head reads it.
        if !budget.spend(head.len()) {
            return None;
        }
        if let Some(&pattern) = by_head.get(&(resource.len(), head))
            && pattern != resource
        {
            return Some(Some(pattern));
        }
    }
    for &length in prefix_lengths
        .iter()
        .take_while(|&&length| length <= resource.len())
    {
        let Some(prefix) = cut(resource, length) else {
            continue;
        };
        if !budget.spend(length) {
            return None;
        }
        for &pattern in by_prefix.get(prefix).into_iter().flatten() {
            if pattern != resource && glob_matches(pattern, resource, budget)? {
                return Some(Some(pattern));
            }
        }
    }
    Some(None)
}

/// Where a resource's wildcards are, which decides how `redundant` indexes it.
#[derive(Clone, Copy)]
enum Shape {
    /// No wildcard.
    Literal,
    /// Wildcards only as a run of `?` at the end (every `name-??????`), this long.
    TrailingQuestionMarks { tail_len: usize },
    /// A wildcard before any trailing run: the text before it, and whether there is a `*`.
    WildcardAt { literal_len: usize, star: bool },
}

impl Shape {
    fn of(resource: &str) -> Shape {
        let head_len = resource.len() - resource.bytes().rev().take_while(|&b| b == b'?').count();
        let head = &resource[..head_len];
        match first_wildcard(head) {
            None if head_len == resource.len() => Shape::Literal,
            None => Shape::TrailingQuestionMarks {
                tail_len: resource.len() - head_len,
            },
            Some(literal_len) => Shape::WildcardAt {
                literal_len,
                star: head.as_bytes()[literal_len..].contains(&b'*'),
            },
        }
    }
}

/// `text[..end]`, or `None` when `end` is not a character boundary.
fn cut(text: &str, end: usize) -> Option<&str> {
    text.get(..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redundant_all(resources: &[String]) -> Vec<(&str, &str)> {
        let Redundant { found, complete } = redundant(resources, &mut Budget::new(CHECK_BUDGET));
        assert!(complete);
        found
    }

    #[test]
    fn a_full_arn_beside_its_name_is_redundant() {
        let resources = [
            "s:db-??????".to_owned(),
            "s:db-AbCdEf".to_owned(),
            "s:db2-AbCdEf".to_owned(),
        ];
        assert_eq!(redundant_all(&resources), [("s:db-AbCdEf", "s:db-??????")]);
    }

    #[test]
    fn names_alone_are_never_redundant_but_a_shorter_run_of_marks_is_compared() {
        let names = ["s:db-??????".to_owned(), "s:db2-??????".to_owned()];
        assert_eq!(redundant_all(&names), []);
        // `db-AbC???` (a name with its own marks) is inside `db-??????`.
        let resources = ["s:db-??????".to_owned(), "s:db-AbC???".to_owned()];
        assert_eq!(redundant_all(&resources), [("s:db-AbC???", "s:db-??????")]);
    }

    #[test]
    fn a_name_under_a_listed_prefix_is_redundant() {
        let resources = [
            "s:prod/*".to_owned(),
            "s:prod/db-??????".to_owned(),
            "s:dev/db-??????".to_owned(),
        ];
        assert_eq!(
            redundant_all(&resources),
            [("s:prod/db-??????", "s:prod/*")]
        );
    }

    /// Finding 1 of the security review: 60 `*` patterns and 60 texts of 2,000 characters
    /// with one literal start took 19 s. Now the budget stops it, and says so.
    #[test]
    fn long_wildcard_lists_stop_at_the_budget_and_say_so() {
        let long = "a".repeat(1_992);
        let resources: Vec<String> = (0..60)
            .map(|i| format!("s:*{long}Z{i}"))
            .chain((0..60).map(|i| format!("s:{long}{i}")))
            .collect();
        let mut budget = Budget::new(CHECK_BUDGET);
        let started = std::time::Instant::now();
        let Redundant { found, complete } = redundant(&resources, &mut budget);
        assert!(!complete);
        assert!(found.is_empty());
        // The budget is the bound; this only catches a check that stopped spending it.
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn many_run_lengths_of_question_marks_stop_at_the_budget() {
        let long = "b".repeat(2_000);
        let resources: Vec<String> = (1..=500)
            .map(|marks| format!("s:{long}{}", "?".repeat(marks)))
            .chain((0..500).map(|i| format!("s:{long}{i:0>500}")))
            .collect();
        let Redundant { complete, .. } = redundant(&resources, &mut Budget::new(CHECK_BUDGET));
        assert!(!complete);
    }

    #[test]
    fn the_budget_is_shared_so_a_second_list_finds_it_spent() {
        let resources = ["s:prod/*".to_owned(), "s:prod/db-??????".to_owned()];
        let mut budget = Budget::new(3);
        assert!(!redundant(&resources, &mut budget).complete);
        assert!(!redundant(&resources, &mut budget).complete);
    }
}
