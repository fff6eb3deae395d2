//! Offline checks on a finished document, in the spirit of IAM Access Analyzer's policy
//! validation. The builder's own documents should never trip most of them; they guard
//! against regressions and catch what users' input makes redundant.

use crate::fast_hash::{FastMap, FastSet};
use crate::policy::{POLICY_VERSION, PolicyDocument, first_wildcard};
use crate::problem::{Code, Field, Problem, Severity};
use crate::response::{Document, PolicyKind};
use std::collections::BTreeSet;

/// Reports every finding about `document` as a problem on the documents field.
pub(crate) fn check(document: &Document, problems: &mut Vec<Problem>) {
    let title = document.title.to_ascii_lowercase();
    let mut report = |severity: Severity, code: Code, message: String| {
        problems.push(Problem::new(Field::Documents, severity, code, message).about(document.id));
    };
    let PolicyDocument { version, statement } = &document.policy;
    if *version != POLICY_VERSION {
        report(
            Severity::Error,
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
                Severity::Error,
                Code::CheckSid,
                format!(
                    "Statement {number} of the {title} repeats the Sid “{}”.",
                    sid.as_str()
                ),
            );
        }
        if statement.action.as_slice().is_empty() {
            report(
                Severity::Error,
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
                Severity::Error,
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
                Severity::Error,
                Code::CheckEmptyList,
                format!("Statement {number} of the {title} has an empty Resource list."),
            );
        }
        let mut seen = FastSet::with_capacity_and_hasher(resources.len(), Default::default());
        for resource in resources {
            if !seen.insert(resource.as_str()) {
                report(
                    Severity::Warning,
                    Code::CheckDuplicateResource,
                    format!("{resource} is listed twice in the {title}."),
                );
            }
        }
        for (resource, covering) in redundant(resources) {
            report(
                Severity::Warning,
                Code::CheckRedundantResource,
                format!(
                    "{resource} is already covered by {covering} in the {title}; you can remove it."
                ),
            );
        }
    }
}

/// Resources without `*` that another, wildcard resource of the same list already matches.
///
/// Linear in the list, because it runs on every keystroke: a pattern whose only wildcards
/// are trailing `?` (every `name-??????`) matches exactly the texts of its own length that
/// start with its head, so one look-up of (length, head) finds it; the few patterns with
/// `*` are indexed by the text before their first wildcard and probed only at the lengths
/// those texts have.
fn redundant(resources: &[String]) -> Vec<(&str, &str)> {
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
    if let Some(Some(first)) = tails.next()
        && tails.all(|tail| tail == Some(first))
    {
        return Vec::new();
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
    let mut found = Vec::new();
    for (resource, shape) in resources.iter().zip(&shapes) {
        if let Shape::WildcardAt { star: true, .. } = shape {
            continue;
        }
        let resource = resource.as_str();
        let by_tail = tail_lengths
            .iter()
            .filter_map(|&tail| cut(resource, resource.len().checked_sub(tail)?))
            .filter_map(|head| by_head.get(&(resource.len(), head)).copied());
        let by_star = prefix_lengths
            .iter()
            .filter(|&&length| length <= resource.len())
            .filter_map(|&length| by_prefix.get(cut(resource, length)?))
            .flatten()
            .copied()
            .filter(|pattern| glob_matches(pattern, resource));
        if let Some(pattern) = by_tail.chain(by_star).find(|pattern| *pattern != resource) {
            found.push((resource, pattern));
        }
    }
    found
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

/// IAM's resource matching: `*` matches any run of characters, `?` exactly one.
pub(crate) fn glob_matches(pattern: &str, text: &str) -> bool {
    let (pattern, text): (Vec<char>, Vec<char>) =
        (pattern.chars().collect(), text.chars().collect());
    let (mut p, mut t) = (0, 0);
    // Where the last `*` was, and how much of the text it has swallowed so far.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == '?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_marks_match_exactly_one_character_each() {
        assert!(glob_matches("db-??????", "db-AbC123"));
        assert!(!glob_matches("db-??????", "db-extra-AbC123"));
        assert!(!glob_matches("db-??????", "db-AbC12"));
    }

    #[test]
    fn stars_match_any_run_including_none() {
        assert!(glob_matches("prod/*", "prod/"));
        assert!(glob_matches("prod/*", "prod/db-AbC123"));
        assert!(glob_matches("a*b*c", "aXbYc"));
        assert!(!glob_matches("a*b*c", "aXbY"));
    }

    #[test]
    fn a_full_arn_beside_its_name_is_redundant() {
        let resources = [
            "s:db-??????".to_owned(),
            "s:db-AbCdEf".to_owned(),
            "s:db2-AbCdEf".to_owned(),
        ];
        assert_eq!(redundant(&resources), [("s:db-AbCdEf", "s:db-??????")]);
    }

    #[test]
    fn names_alone_are_never_redundant_but_a_shorter_run_of_marks_is_compared() {
        let names = ["s:db-??????".to_owned(), "s:db2-??????".to_owned()];
        assert_eq!(redundant(&names), []);
        // `db-AbC???` (a name with its own marks) is inside `db-??????`.
        let resources = ["s:db-??????".to_owned(), "s:db-AbC???".to_owned()];
        assert_eq!(redundant(&resources), [("s:db-AbC???", "s:db-??????")]);
    }

    #[test]
    fn a_name_under_a_listed_prefix_is_redundant() {
        let resources = [
            "s:prod/*".to_owned(),
            "s:prod/db-??????".to_owned(),
            "s:dev/db-??????".to_owned(),
        ];
        assert_eq!(redundant(&resources), [("s:prod/db-??????", "s:prod/*")]);
    }
}
