//! "Did you mean …?" by edit distance.

/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of
/// two neighbours each cost one, so `eu-wset-1` is one step from `eu-west-1`.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows are all the swap rule needs.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate nearest to `input`, if it is within `max_distance` edits and no other
/// candidate is equally near (a tie would be a guess).
pub(crate) fn closest<'a>(
    input: &str,
    candidates: impl Iterator<Item = &'a str>,
    max_distance: usize,
) -> Option<&'a str> {
    // Longer inputs than any region code are not typos of one; skip the quadratic work.
    if input.chars().count() > 64 {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    let mut tied = false;
    for candidate in candidates {
        let distance = edit_distance(input, candidate);
        match best {
            Some((d, _)) if distance > d => {}
            Some((d, _)) if distance == d => tied = true,
            _ => {
                best = Some((distance, candidate));
                tied = false;
            }
        }
    }
    best.filter(|&(d, _)| d <= max_distance && !tied)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swapped_neighbours_cost_one_edit() {
        assert_eq!(edit_distance("eu-wset-1", "eu-west-1"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("us-east-1", "us-east-1"), 0);
    }

    #[test]
    fn a_tie_suggests_nothing() {
        let candidates = ["us-east-1", "us-east-2"];
        assert_eq!(closest("us-east-3", candidates.into_iter(), 2), None);
        assert_eq!(
            closest("us-eats-2", candidates.into_iter(), 2),
            Some("us-east-2")
        );
    }
}
