//! Where long identifiers may wrap: in prose — `AmazonECSTaskExecutionRolePolicy`, a role's
//! ARN, a secret's path — and in a document's JSON. Only where the text itself allows: after
//! an ARN's or a path's `:` and `/`, never inside a name a reader has to type into the
//! console (issue 27 item 10: "GetETLAgent SecretValue", "matillio/n", a closing quote on a
//! line of its own). `<wbr>` and `<span>` add no text, so what is selected and copied is the
//! text as the core wrote it.

use std::ops::Range;
use yew::prelude::*;

/// Tokens shorter than this wrap as any word does; only longer ones get break points.
const LONG_WORD: usize = 12;

/// A CamelCase word at least this long may break between its parts, when it is wider than
/// a whole line (`AmazonECSTaskExecutionRolePolicy`, 32). A shorter one never needs to, and
/// a random suffix such as `qXmoAXceH13T` is not made of parts.
const LONG_CAMEL_WORD: usize = 16;

/// Prose, with a `<wbr>` after each `:` or `/` run inside an ARN or a URL, and each name in
/// it in a `<span class="ipb__name">`, which the stylesheet keeps whole: a path
/// (`matillion/agent`), or a part of an ARN between its separators, that has hyphens or a
/// long CamelCase word (`matillion-agent-role`, `ecsTaskExecutionRole`). A name moves to
/// the next line as one piece; only one wider than the whole line breaks, between its own
/// parts (after a `/` or a hyphen, or before a CamelCase part: a `<wbr>` there), its later
/// lines indented to show they continue it. Put it straight in a block (a paragraph, an
/// item) or an inline-block, not in an inline element such as a `<span>` or a link: a name
/// wrapped onto several lines is a box those inline lines do not contain, and accessibility
/// checkers (axe) then cannot tell the colour behind it.
pub fn soft_breaks(text: &str) -> Html {
    render(&prose_pieces(text))
}

/// A document's JSON (or one line of it), with a `<wbr>` after `:` or `/` runs inside a long
/// token, so an ARN wraps between its parts and `"secretsmanager:GetSecretValue",`
/// before `GetSecretValue` rather than before its closing quote. The `<pre>` wraps there, at
/// spaces and after hyphens, and scrolls for a token with none of them. Unlike prose, no
/// name is kept whole here: a document stays a few nodes per ARN.
pub fn json_breaks(text: &str) -> Html {
    render(&json_pieces(text))
}

/// What a text is drawn as: its own text, cut where a line may break.
enum Piece<'a> {
    Text(&'a str),
    /// A `<wbr>`.
    Break,
    /// A name kept whole, with its own break points.
    Name(Vec<Piece<'a>>),
}

/// The pieces of prose: see [`soft_breaks`].
fn prose_pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    for piece in text.split_inclusive(char::is_whitespace) {
        let token = piece.trim_end();
        if token.chars().count() < LONG_WORD && !has_inner_hyphen(token) {
            pieces.push(Piece::Text(piece));
            continue;
        }
        // (A colon that ends the token ends a phrase: "matillion/agent:".)
        if token.contains('/') && !token.trim_end_matches(':').contains(':') {
            // A path is one name: a secret's, a parameter's.
            let mut name = Vec::new();
            for (i, part) in parts(token).enumerate() {
                if i > 0 {
                    name.push(Piece::Break);
                }
                name.extend(name_pieces(part));
            }
            pieces.push(Piece::Name(name));
        } else {
            for (i, part) in parts(token).enumerate() {
                if i > 0 {
                    pieces.push(Piece::Break);
                }
                if is_name(part) {
                    pieces.push(Piece::Name(name_pieces(part)));
                } else {
                    pieces.push(Piece::Text(part));
                }
            }
        }
        pieces.push(Piece::Text(&piece[token.len()..]));
    }
    pieces
}

/// A name cut before the parts of its long CamelCase words.
fn name_pieces(name: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut from = 0;
    for at in camel_points(name) {
        pieces.extend([Piece::Text(&name[from..at]), Piece::Break]);
        from = at;
    }
    pieces.push(Piece::Text(&name[from..]));
    pieces
}

/// The pieces of JSON: see [`json_breaks`].
fn json_pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let (mut from, mut start) = (0, 0);
    for piece in text.split_inclusive(char::is_whitespace) {
        let token = piece.trim_end();
        if token.len() >= LONG_WORD {
            // A break point only once the text since the last is a word long: an ARN's
            // short parts (`arn:`, `aws:`, `secret:`) go with their neighbours, and a
            // document of a hundred ARNs is half the nodes it would be.
            let (mut at, mut segment) = (start, start);
            for part in parts(token) {
                if at - segment >= LONG_WORD {
                    pieces.extend([Piece::Text(&text[from..at]), Piece::Break]);
                    (from, segment) = (at, at);
                }
                at += part.len();
            }
        }
        start += piece.len();
    }
    pieces.push(Piece::Text(&text[from..]));
    pieces
}

/// The pieces as Html, neighbouring texts in one text node.
fn render(pieces: &[Piece<'_>]) -> Html {
    let mut nodes = Vec::new();
    let mut text = String::new();
    let flush = |text: &mut String, nodes: &mut Vec<Html>| {
        if !text.is_empty() {
            nodes.push(html! { {std::mem::take(text)} });
        }
    };
    for piece in pieces {
        match piece {
            Piece::Text(t) => text.push_str(t),
            Piece::Break => {
                flush(&mut text, &mut nodes);
                nodes.push(html! { <wbr /> });
            }
            Piece::Name(inner) => {
                flush(&mut text, &mut nodes);
                nodes.push(html! { <span class="ipb__name">{render(inner)}</span> });
            }
        }
    }
    flush(&mut text, &mut nodes);
    if nodes.len() == 1 {
        return nodes.pop().unwrap_or_default();
    }
    nodes.into_iter().collect()
}

/// A token split after each run of `:` or `/` that does not end it: `arn:`, `aws:`, `iam::`,
/// `123456789012:`, `role/`, `agent`. Its parts joined are the token.
fn parts(token: &str) -> impl Iterator<Item = &str> {
    let bytes = token.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        if from >= token.len() {
            return None;
        }
        let start = from;
        let mut i = from;
        while i < bytes.len() {
            let separator = matches!(bytes[i], b':' | b'/');
            i += 1;
            if separator && i < bytes.len() && !matches!(bytes[i], b':' | b'/') {
                break;
            }
        }
        from = i;
        Some(&token[start..i])
    })
}

/// Whether a part is a name to keep whole: one a browser could break inside (after a
/// hyphen), or one we let break between CamelCase parts when it is wider than a line.
fn is_name(part: &str) -> bool {
    has_inner_hyphen(part) || camel_points(part).next().is_some()
}

/// Whether a hyphen stands between two letters or digits, where a browser may wrap.
fn has_inner_hyphen(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'-' && w[2].is_ascii_alphanumeric())
}

/// Byte offsets where a CamelCase part starts after a lower-case letter, in the words (runs
/// of letters and digits) of at least [`LONG_CAMEL_WORD`] characters: `Get|ETLAgent|…`.
fn camel_points(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    words(text)
        .filter(|word| word.len() >= LONG_CAMEL_WORD)
        .flat_map(move |word| {
            (word.start + 1..word.end).filter(move |&i| {
                bytes[i - 1].is_ascii_lowercase() && bytes[i].is_ascii_uppercase()
            })
        })
}

/// The byte ranges of the runs of ASCII letters and digits in a text.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
            i += 1;
        }
        (start < i).then_some(start..i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces as text: `|` where a `<wbr>` goes, `[…]` around a name kept whole.
    fn shown(pieces: &[Piece<'_>]) -> String {
        pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => (*text).to_owned(),
                Piece::Break => "|".to_owned(),
                Piece::Name(inner) => format!("[{}]", shown(inner)),
            })
            .collect()
    }

    fn prose(text: &str) -> String {
        shown(&prose_pieces(text))
    }

    fn json(text: &str) -> String {
        shown(&json_pieces(text))
    }

    #[test]
    fn names_to_type_are_kept_whole_and_break_only_between_their_parts() {
        assert_eq!(
            prose("Name the policy GetETLAgentSecretValue and choose Create policy."),
            "Name the policy [Get|ETLAgent|Secret|Value] and choose Create policy."
        );
        assert_eq!(
            prose("Attach AmazonECSTaskExecutionRolePolicy to it."),
            "Attach [Amazon|ECSTask|Execution|Role|Policy] to it."
        );
        assert_eq!(
            prose("choose matillion-agent-execution-role in eu-west-1."),
            "choose [matillion-agent-execution-role] in [eu-west-1.]"
        );
    }

    #[test]
    fn arns_and_paths_break_only_after_their_separators() {
        assert_eq!(
            prose("arn:aws:iam::123456789012:role/ecsTaskExecutionRole"),
            "arn:|aws:|iam::|123456789012:|role/|[ecs|Task|Execution|Role]"
        );
        assert_eq!(
            prose("(arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????)."),
            // No browser breaks between "-" and "?": the suffix needs no keeping whole.
            "(arn:|aws:|secretsmanager:|[eu-west-1:]|123456789012:|secret:|matillion/|agent-??????)."
        );
        assert_eq!(
            prose("\"secretsmanager:GetSecretValue\","),
            "\"secretsmanager:|GetSecretValue\","
        );
        // A separator that ends a token is punctuation, not a break point.
        assert_eq!(
            prose("the secrets it names: a, b"),
            "the secrets it names: a, b"
        );
    }

    #[test]
    fn a_path_is_one_name_that_breaks_only_when_it_must() {
        assert_eq!(
            prose("Secret matillion/agent: allowed"),
            "Secret [matillion/|agent:] allowed"
        );
        assert_eq!(
            prose("events!connection/CloudSaverEventSourceConnection."),
            "[events!connection/|Cloud|Saver|Event|Source|Connection.]"
        );
    }

    #[test]
    fn only_long_camel_case_words_break_between_their_parts() {
        assert_eq!(
            prose("streamlit-sample-test-front-end-ExecutionRole-qXmoAXceH13T"),
            "[streamlit-sample-test-front-end-ExecutionRole-qXmoAXceH13T]"
        );
        assert_eq!(
            prose("DifyOnAwsStack-WebServiceTaskExecutionRole4406CA16-redact"),
            "[DifyOnAwsStack-Web|Service|Task|Execution|Role4406CA16-redact]"
        );
    }

    #[test]
    fn short_words_and_plain_prose_are_left_alone() {
        assert_eq!(prose("Open IAM → Roles."), "Open IAM → Roles.");
        assert_eq!(
            prose("a/b c:d JavaScript taskRoleArn relationships"),
            "a/b c:d JavaScript taskRoleArn relationships"
        );
    }

    #[test]
    fn the_parts_of_a_token_are_the_token() {
        for token in [
            "arn:aws:iam::123456789012:role/a",
            "https://x/y",
            "::",
            "a:",
            "/a/b/",
        ] {
            assert_eq!(parts(token).collect::<String>(), token);
        }
        assert_eq!(
            parts("https://docs/x").collect::<Vec<_>>(),
            ["https://", "docs/", "x"]
        );
    }

    #[test]
    fn json_breaks_after_separators_and_never_before_a_closing_quote() {
        assert_eq!(
            json("      \"Action\": \"secretsmanager:GetSecretValue\",\n"),
            "      \"Action\": \"secretsmanager:|GetSecretValue\",\n"
        );
        assert_eq!(
            json(
                "  \"arn:aws:secretsmanager:eu-west-1:123456789012:secret:matillion/agent-??????\"\n"
            ),
            "  \"arn:aws:secretsmanager:|eu-west-1:123456789012:|secret:matillion/|agent-??????\"\n"
        );
        assert_eq!(
            json("  \"Version\": \"2012-10-17\",\n  \"Sid\": \"a:b\"\n"),
            "  \"Version\": \"2012-10-17\",\n  \"Sid\": \"a:b\"\n"
        );
    }

    #[test]
    fn every_piece_is_the_text_itself() {
        let text = "Set executionRoleArn to arn:aws:iam::123456789012:role/matillion-agent-execution-role.\n  x";
        assert_eq!(
            shown(&prose_pieces(text)).replace(['|', '[', ']'], ""),
            text
        );
        assert_eq!(shown(&json_pieces(text)).replace('|', ""), text);
    }
}
