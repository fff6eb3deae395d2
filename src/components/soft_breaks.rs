//! Long identifiers in prose — `AmazonECSTaskExecutionRolePolicy`, a role's ARN, a secret's
//! path — wrap where a reader expects, not wherever the line runs out.

use yew::prelude::*;

/// Words shorter than this wrap as any word does; only longer ones get break points.
const LONG_WORD: usize = 12;

/// The text with a `<wbr>` wherever a long word may wrap: after `/`, `:` and `-`, and
/// between a lower-case letter and the capital that starts the next part of a CamelCase
/// name. The stylesheet's `overflow-wrap: anywhere` stays as the last resort.
pub fn soft_breaks(text: &str) -> Html {
    let points = break_points(text);
    if points.is_empty() {
        return html! { {text.to_owned()} };
    }
    let mut parts = Vec::with_capacity(points.len() * 2 + 1);
    let mut from = 0;
    for at in points {
        parts.push(html! { {text[from..at].to_owned()} });
        parts.push(html! { <wbr /> });
        from = at;
    }
    parts.push(html! { {text[from..].to_owned()} });
    parts.into_iter().collect()
}

/// Byte offsets, in order, where a `<wbr>` goes.
fn break_points(text: &str) -> Vec<usize> {
    let mut pieces = Vec::new();
    let mut start = 0;
    for word in text.split_inclusive(char::is_whitespace) {
        let word_start = start;
        start += word.len();
        if word.trim_end().chars().count() < LONG_WORD {
            continue;
        }
        let mut previous = None;
        for (offset, c) in word.char_indices() {
            let at = word_start + offset;
            let camel =
                c.is_ascii_uppercase() && previous.is_some_and(|p: char| p.is_ascii_lowercase());
            if camel {
                pieces.push(at);
            }
            if matches!(c, '/' | ':' | '-') && offset + 1 < word.trim_end().len() {
                pieces.push(at + c.len_utf8());
            }
            previous = Some(c);
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text split where `<wbr>`s go.
    fn split_points(text: &str) -> Vec<&str> {
        let mut parts = Vec::new();
        let mut from = 0;
        for at in break_points(text) {
            parts.push(&text[from..at]);
            from = at;
        }
        parts.push(&text[from..]);
        parts
    }

    #[test]
    fn camel_case_names_and_arns_break_between_their_parts() {
        assert_eq!(
            split_points("Attach AmazonECSTaskExecutionRolePolicy to it."),
            [
                "Attach Amazon",
                "ECSTask",
                "Execution",
                "Role",
                "Policy to it."
            ]
        );
        assert_eq!(
            split_points("arn:aws:iam::123456789012:role/agent"),
            [
                "arn:",
                "aws:",
                "iam:",
                ":",
                "123456789012:",
                "role/",
                "agent"
            ]
        );
    }

    #[test]
    fn short_words_and_plain_prose_are_left_alone() {
        assert_eq!(split_points("Open IAM → Roles."), ["Open IAM → Roles."]);
        assert_eq!(split_points("a-b c/d JavaScript"), ["a-b c/d JavaScript"]);
    }
}
