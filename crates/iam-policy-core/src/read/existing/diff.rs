//! Which lines of a merged or fixed document are new, for the page to mark: the pasted
//! policy and the result, both pretty-printed the way the page shows documents, compared
//! line by line (Myers' shortest edit script, which stays quick because a merge or a fix
//! changes few lines).

use crate::model::json::{self, Json};

/// One line of the result as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The line's text, without its line break.
    pub text: String,
    /// Whether the builder added or changed it.
    pub added: bool,
}

/// The result's lines, each marked when it is not in the pasted policy; `None` when the
/// pasted text is not JSON (then there is nothing to compare with).
pub fn marked_lines(pasted: &str, result: &Json) -> Option<Vec<Line>> {
    let original = json::parse(pasted).ok()?;
    let before = serde_json::to_string_pretty(&original).ok()?;
    let after = serde_json::to_string_pretty(result).ok()?;
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    let kept = common_lines(&old, &new);
    Some(
        new.iter()
            .enumerate()
            .map(|(i, text)| Line {
                text: (*text).to_owned(),
                added: !kept[i],
            })
            .collect(),
    )
}

/// Past this many inserted or removed lines the documents are not one merged from the
/// other; every line is then marked, and the comparison stays bounded.
const MOST_EDITS: usize = 2_000;

/// For each line of `new`, whether it is in a longest common subsequence with `old`.
fn common_lines(old: &[&str], new: &[&str]) -> Vec<bool> {
    let (n, m) = (old.len() as isize, new.len() as isize);
    let max = (n + m) as usize;
    let limit = max.min(MOST_EDITS) as isize;
    // v[k]: the furthest x reached on diagonal k = x - y.
    let at = |k: isize| (k + max as isize + 1) as usize;
    let mut v = vec![0isize; 2 * max + 3];
    // After each edit count d, v on diagonals -d..=d, to walk back along.
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut end = None;
    for d in 0..=limit {
        for k in (-d..=d).step_by(2) {
            let mut x = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) {
                v[at(k + 1)]
            } else {
                v[at(k - 1)] + 1
            };
            let mut y = x - k;
            while x < n && y < m && old[x as usize] == new[y as usize] {
                x += 1;
                y += 1;
            }
            v[at(k)] = x;
            if x >= n && y >= m {
                end = Some(d);
            }
        }
        trace.push((-d..=d).map(|k| v[at(k)]).collect());
        if end.is_some() {
            break;
        }
    }
    let mut kept = vec![false; new.len()];
    let Some(end) = end else {
        return kept;
    };
    let (mut x, mut y) = (n, m);
    for d in (1..=end).rev() {
        let k = x - y;
        let before = &trace[(d - 1) as usize];
        let prior = |k: isize| before[(k + d - 1) as usize];
        let from_k = if k == -d || (k != d && prior(k - 1) < prior(k + 1)) {
            k + 1
        } else {
            k - 1
        };
        let from_x = prior(from_k);
        // One edit (a line of `new` inserted, or of `old` dropped), then a run kept.
        let (step_x, step_y) = if from_k == k + 1 {
            (from_x, from_x - k)
        } else {
            (from_x + 1, from_x + 1 - k)
        };
        while x > step_x && y > step_y {
            x -= 1;
            y -= 1;
            kept[y as usize] = true;
        }
        x = from_x;
        y = from_x - from_k;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        kept[y as usize] = true;
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(pasted: &str, result: &str) -> Vec<String> {
        let result = json::parse(result).expect("JSON");
        marked_lines(pasted, &result)
            .expect("comparable")
            .into_iter()
            .filter(|l| l.added)
            .map(|l| l.text.trim().to_owned())
            .collect()
    }

    #[test]
    fn a_service_added_to_a_list_marks_that_line_and_the_comma_before_it() {
        let pasted = r#"{"Statement":[{"Principal":{"Service":["ec2.amazonaws.com"]},"Action":"sts:AssumeRole"}]}"#;
        let result = r#"{"Statement":[{"Principal":{"Service":["ec2.amazonaws.com","ecs-tasks.amazonaws.com"]},"Action":"sts:AssumeRole"}]}"#;
        assert_eq!(
            added(pasted, result),
            ["\"ec2.amazonaws.com\",", "\"ecs-tasks.amazonaws.com\""]
        );
    }

    #[test]
    fn a_string_turned_into_a_list_marks_only_the_lines_that_changed() {
        let pasted =
            r#"{"Statement":{"Principal":{"Service":"ec2.amazonaws.com"},"Effect":"Allow"}}"#;
        let result = r#"{"Statement":{"Principal":{"Service":["ec2.amazonaws.com","ecs-tasks.amazonaws.com"]},"Effect":"Allow"}}"#;
        let marked = added(pasted, result);
        assert!(
            marked.contains(&"\"ecs-tasks.amazonaws.com\"".to_owned()),
            "{marked:?}"
        );
        assert!(
            !marked.contains(&"\"Effect\": \"Allow\"".to_owned()),
            "{marked:?}"
        );
    }

    /// Against a plain LCS length on every pair of short line lists over a small alphabet.
    #[test]
    fn the_kept_lines_are_a_longest_common_subsequence() {
        fn lcs(a: &[&str], b: &[&str]) -> usize {
            let mut t = vec![vec![0; b.len() + 1]; a.len() + 1];
            for i in 0..a.len() {
                for j in 0..b.len() {
                    t[i + 1][j + 1] = if a[i] == b[j] {
                        t[i][j] + 1
                    } else {
                        t[i][j + 1].max(t[i + 1][j])
                    };
                }
            }
            t[a.len()][b.len()]
        }
        let alphabet = ["a", "b", "c"];
        let lists: Vec<Vec<&str>> = (0..4)
            .flat_map(|len| {
                (0..3usize.pow(len)).map(move |code| {
                    (0..len)
                        .map(|i| alphabet[(code / 3usize.pow(i)) % 3])
                        .collect()
                })
            })
            .collect();
        for old in &lists {
            for new in &lists {
                let kept = common_lines(old, new);
                let chosen: Vec<&str> = new
                    .iter()
                    .zip(&kept)
                    .filter(|(_, k)| **k)
                    .map(|(l, _)| *l)
                    .collect();
                assert_eq!(chosen.len(), lcs(old, new), "{old:?} → {new:?}: {kept:?}");
                // And the kept lines appear in `old` in that order.
                let mut rest = old.iter();
                assert!(
                    chosen.iter().all(|c| rest.any(|o| o == c)),
                    "{old:?} → {new:?}: {kept:?}"
                );
            }
        }
    }

    #[test]
    fn nothing_changed_marks_nothing_and_text_that_is_not_json_compares_with_nothing() {
        let same = r#"{"Version":"2012-10-17","Statement":[]}"#;
        assert!(added(same, same).is_empty());
        assert_eq!(
            marked_lines("not json", &json::parse(same).expect("JSON")),
            None
        );
    }
}
