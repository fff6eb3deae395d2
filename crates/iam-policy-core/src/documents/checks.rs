//! Offline checks on a finished document, in the spirit of IAM Access Analyzer's policy
//! validation. The builder's own documents should never trip most of them; they guard
//! against regressions and catch what users' input makes redundant.

use crate::fast_hash::{FastMap, FastSet};
use crate::policy::{POLICY_VERSION, PolicyDocument, first_wildcard};
use crate::problem::{Code, Field, Problem};
use crate::response::{Document, PolicyKind};
use std::collections::BTreeSet;

/// How much comparing the checks may do for one request, in characters looked at. Lists
/// come from share links anyone can send, and comparing every wildcard resource with every
/// other costs up to length² per pair; past this the comparison stops and says so, which
/// keeps a keystroke well under a frame even for 1,000 entries of 2,000 characters. An
/// ordinary list (150 names, a few prefixes) uses a few percent of it.
pub(crate) const CHECK_BUDGET: usize = 500_000;

/// A count of work left, shared by every check of one request.
pub(crate) struct Budget(usize);

impl Budget {
    pub(crate) fn new(steps: usize) -> Self {
        Budget(steps)
    }

    /// Whether it ran out: once it has, every later spend fails too.
    pub(crate) fn is_spent(&self) -> bool {
        self.0 == 0
    }

    /// Takes `steps` from what is left; `false` (and nothing left) when there was not enough.
    fn spend(&mut self, steps: usize) -> bool {
        match self.0.checked_sub(steps) {
            Some(left) => {
                self.0 = left;
                true
            }
            None => {
                self.0 = 0;
                false
            }
        }
    }
}

/// Reports every finding about `document` as a problem on the documents field.
pub(crate) fn check(document: &Document, budget: &mut Budget, problems: &mut Vec<Problem>) {
    let title = document.title.to_ascii_lowercase();
    let mut report = |code: Code, message: String| {
        problems.push(Problem::new(Field::Documents, code, message).about(document.id));
    };
    // A pasted policy was checked as it was read; what the builder added to it is its own.
    let crate::response::Policy::New(PolicyDocument { version, statement }) = &document.policy
    else {
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

/// IAM's resource matching: `*` matches any run of characters, `?` exactly one. The work
/// is paid for from `budget`; `None` when it ran out before the answer was known.
///
/// The pattern is matched piece by piece between the `*`s: the first piece at the start,
/// the last at the end, each middle one at its leftmost place after the one before (which
/// is where a match can always put it). That is linear unless a middle piece holds `?`.
/// ASCII (every ARN the builder writes, nearly every one typed) is matched as bytes;
/// anything else as characters, so that `?` is one character, by the same rule: a
/// pasted pattern of `é`s costs what one of `e`s does.
pub(crate) fn glob_matches(pattern: &str, text: &str, budget: &mut Budget) -> Option<bool> {
    if pattern.is_ascii() && text.is_ascii() {
        return pieces_match(pattern.as_bytes(), text.as_bytes(), budget);
    }
    // Reading both as characters (counting, then copying them) costs several times what
    // comparing bytes does: charged as such, so a link of non-ASCII patterns runs out of
    // the budget as soon in time as one of ASCII ones.
    if !budget.spend(4 * (pattern.len() + text.len())) {
        return None;
    }
    // What the pattern spells out, less its stars, must fit in the text: most patterns
    // that cannot match are refused here, before anything is copied.
    if pattern.chars().filter(|&c| c != '*').count() > text.chars().count() {
        return Some(false);
    }
    let (pattern, text): (Vec<char>, Vec<char>) =
        (pattern.chars().collect(), text.chars().collect());
    pieces_match(&pattern, &text, budget)
}

/// What a pattern is made of: bytes for ASCII, characters otherwise.
trait Unit: Copy + Eq {
    const STAR: Self;
    const MARK: Self;
    /// Where `piece`, which holds no `?`, first occurs in `text`; the work paid from `budget`.
    fn find(text: &[Self], piece: &[Self], budget: &mut Budget) -> Option<Option<usize>>;
}

impl Unit for u8 {
    const STAR: u8 = b'*';
    const MARK: u8 = b'?';
    fn find(text: &[u8], piece: &[u8], budget: &mut Budget) -> Option<Option<usize>> {
        // Two-way search: linear in the text and the piece.
        if !budget.spend(text.len() + piece.len()) {
            return None;
        }
        Some(memchr::memmem::find(text, piece))
    }
}

impl Unit for char {
    const STAR: char = '*';
    const MARK: char = '?';
    fn find(text: &[char], piece: &[char], budget: &mut Budget) -> Option<Option<usize>> {
        marked_find(text, piece, budget)
    }
}

fn pieces_match<T: Unit>(pattern: &[T], text: &[T], budget: &mut Budget) -> Option<bool> {
    let mut pieces = pattern.split(|&unit| unit == T::STAR);
    let first = pieces.next().unwrap_or_default();
    let Some(last) = pieces.next_back() else {
        return ends_agree(first, text, budget);
    };
    if text.len() < first.len() + last.len()
        || !ends_agree(first, &text[..first.len()], budget)?
        || !ends_agree(last, &text[text.len() - last.len()..], budget)?
    {
        return Some(false);
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for piece in pieces.filter(|piece| !piece.is_empty()) {
        let found = if piece.contains(&T::MARK) {
            marked_find(rest, piece, budget)?
        } else {
            T::find(rest, piece, budget)?
        };
        match found {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return Some(false),
        }
    }
    Some(true)
}

/// Whether `piece` (which may hold `?`) matches all of `end`: the comparison is paid for
/// up to the first difference.
fn ends_agree<T: Unit>(piece: &[T], end: &[T], budget: &mut Budget) -> Option<bool> {
    if piece.len() != end.len() {
        return Some(false);
    }
    let agree = piece
        .iter()
        .zip(end)
        .take_while(|&(&p, &t)| p == T::MARK || p == t)
        .count();
    budget.spend(agree + 1).then_some(agree == piece.len())
}

/// Where `piece` (which may hold `?`) first matches in `text`, trying each start in turn:
/// every comparison is paid for.
fn marked_find<T: Unit>(text: &[T], piece: &[T], budget: &mut Budget) -> Option<Option<usize>> {
    let starts = (text.len() + 1).saturating_sub(piece.len());
    for at in 0..starts {
        let window = &text[at..at + piece.len()];
        let agree = piece
            .iter()
            .zip(window)
            .take_while(|&(&p, &t)| p == T::MARK || p == t)
            .count();
        if !budget.spend(agree + 1) {
            return None;
        }
        if agree == piece.len() {
            return Some(Some(at));
        }
    }
    Some(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(pattern: &str, text: &str) -> bool {
        glob_matches(pattern, text, &mut Budget::new(CHECK_BUDGET)).expect("within budget")
    }

    fn redundant_all(resources: &[String]) -> Vec<(&str, &str)> {
        let Redundant { found, complete } = redundant(resources, &mut Budget::new(CHECK_BUDGET));
        assert!(complete);
        found
    }

    #[test]
    fn question_marks_match_exactly_one_character_each() {
        assert!(glob("db-??????", "db-AbC123"));
        assert!(!glob("db-??????", "db-extra-AbC123"));
        assert!(!glob("db-??????", "db-AbC12"));
    }

    #[test]
    fn stars_match_any_run_including_none() {
        assert!(glob("prod/*", "prod/"));
        assert!(glob("prod/*", "prod/db-AbC123"));
        assert!(glob("a*b*c", "aXbYc"));
        assert!(!glob("a*b*c", "aXbY"));
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

    /// The textbook definition, for holding the matcher to: `*` any run, `?` one unit.
    fn by_definition(pattern: &[char], text: &[char]) -> bool {
        match pattern.split_first() {
            None => text.is_empty(),
            Some(('*', rest)) => (0..=text.len()).any(|skip| by_definition(rest, &text[skip..])),
            Some((&p, rest)) => text
                .split_first()
                .is_some_and(|(&t, more)| (p == '?' || p == t) && by_definition(rest, more)),
        }
    }

    /// The matcher answers as the definition does, as bytes and as characters, on every
    /// small pattern and text over tiny alphabets (where the corner cases are dense), one
    /// of them not ASCII.
    #[test]
    fn the_piecewise_matcher_agrees_with_the_definition_everywhere_small() {
        fn all(len: usize, alphabet: &[char]) -> Vec<String> {
            let mut out = vec![String::new()];
            for _ in 0..len {
                let longer: Vec<String> = out
                    .iter()
                    .filter(|s| s.chars().count() == out.last().map_or(0, |l| l.chars().count()))
                    .flat_map(|s| alphabet.iter().map(move |&c| format!("{s}{c}")))
                    .collect();
                out.extend(longer);
            }
            out
        }
        for (letters, ascii) in [(['a', 'b'], true), (['a', 'é'], false)] {
            let patterns = all(5, &[letters[0], letters[1], '*', '?']);
            let texts = all(5, &letters);
            for pattern in &patterns {
                let p: Vec<char> = pattern.chars().collect();
                for text in &texts {
                    let t: Vec<char> = text.chars().collect();
                    let expected = by_definition(&p, &t);
                    let mut budget = Budget::new(CHECK_BUDGET);
                    assert_eq!(
                        pieces_match(&p, &t, &mut budget),
                        Some(expected),
                        "{pattern} ~ {text}"
                    );
                    if ascii {
                        assert_eq!(
                            pieces_match(pattern.as_bytes(), text.as_bytes(), &mut budget),
                            Some(expected),
                            "{pattern} ~ {text} as bytes"
                        );
                    }
                }
            }
        }
    }

    /// Finding 1 of the second security review: non-ASCII patterns took the backtracking
    /// matcher, and `arn:*:*:*:*:*` + `*` + 200 `a`s + `?é` against a long ARN retried the
    /// text from every place. By pieces it is one pass.
    #[test]
    fn a_non_ascii_pattern_with_many_stars_is_matched_in_one_pass() {
        let pattern = format!("arn:*:*:*:*:**{}?é", "a".repeat(200));
        let text = format!(
            "arn:aws:secretsmanager:eu-west-1:1:secret:{}",
            "a".repeat(2_000)
        );
        let mut budget = Budget::new(20_000);
        assert_eq!(glob_matches(&pattern, &text, &mut budget), Some(false));
    }

    #[test]
    fn non_ascii_text_is_matched_by_character() {
        assert!(glob("caf?-*", "café-x"));
        assert!(!glob("caf??-*", "café-x"));
    }
}
