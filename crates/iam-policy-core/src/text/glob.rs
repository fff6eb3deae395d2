//! IAM's wildcard matching, paid for from a budget: the one glob engine the document
//! checks, the IAM evaluator and the trust-condition judge share. Text helpers sit below
//! every other layer of the core, so none of those reaches sideways into another for it.

/// A count of work left, shared by every comparison of one request.
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
    pub(crate) fn spend(&mut self, steps: usize) -> bool {
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
        // Splitting the pattern at its stars reads all of it, whatever the comparisons
        // then cost: a list of long patterns spends the budget in proportion to its
        // length, as the time it takes does.
        if !budget.spend(pattern.len()) {
            return None;
        }
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

/// Where the first IAM wildcard is in a resource or name: `*` matches any run of
/// characters, `?` exactly one. Both are ASCII, so the index is a byte index. One scan
/// looks for both (memchr2, vectorised where the target allows): this runs on every
/// resource on every keystroke.
///
/// ```
/// assert_eq!(iam_policy_core::text::glob::first_wildcard("prod/db-??????"), Some(8));
/// assert_eq!(iam_policy_core::text::glob::first_wildcard("prod/db"), None);
/// ```
pub fn first_wildcard(text: &str) -> Option<usize> {
    memchr::memchr2(b'*', b'?', text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(pattern: &str, text: &str) -> bool {
        glob_matches(pattern, text, &mut Budget::new(500_000)).expect("within budget")
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
                    let mut budget = Budget::new(500_000);
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
