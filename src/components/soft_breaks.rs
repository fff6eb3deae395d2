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

/// In a document's JSON, a CamelCase word this long is wider than a phone's line (about 32
/// characters of code at 360 px): kept whole, it breaks between its parts only there
/// (Pod Identity's `AllowEksAuthToAssumeRoleForPodIdentity`). Shorter ones are left alone.
/// (The stylesheet makes a document's `<code>` a block, so the name is in one.)
const JSON_CAMEL_WORD: usize = 32;

/// An id — upper-case letters and digits, both, this many or more (an EKS cluster's OIDC
/// provider id, 32) — is no word and nobody types it: like a key's fingerprint it is read
/// in groups of [`ID_GROUP`], and may break between them.
const LONG_ID: usize = 20;
const ID_GROUP: usize = 8;

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
                    pieces.extend(id_pieces(part));
                }
            }
        }
        pieces.push(Piece::Text(&piece[token.len()..]));
    }
    pieces
}

/// A name cut before the parts of its long CamelCase words, after the dots of a key path
/// (`scriptRunner.serviceAccount.roleArn`, a Helm value) and between an id's groups.
fn name_pieces(name: &str) -> Vec<Piece<'_>> {
    let mut points: Vec<usize> = camel_points(name)
        .chain(dot_points(name))
        .chain(id_points(name))
        .collect();
    points.sort_unstable();
    points.dedup();
    cut(name, points)
}

/// Text cut at these byte offsets (ascending), a `<wbr>` at each.
fn cut(text: &str, points: impl IntoIterator<Item = usize>) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut from = 0;
    for at in points {
        pieces.extend([Piece::Text(&text[from..at]), Piece::Break]);
        from = at;
    }
    pieces.push(Piece::Text(&text[from..]));
    pieces
}

/// Text with a `<wbr>` between the groups of its ids.
fn id_pieces(text: &str) -> Vec<Piece<'_>> {
    cut(text, id_points(text).collect::<Vec<_>>())
}

/// The pieces of JSON: see [`json_breaks`].
fn json_pieces(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let (mut from, mut start) = (0, 0);
    for piece in text.split_inclusive(char::is_whitespace) {
        let token = piece.trim_end();
        if token.len() >= LONG_WORD {
            // A break point only once the text since the last is a word long, or before a
            // name that is (an action's, a condition key's: `"sts:` and
            // `AssumeRoleWithWebIdentity",` are not one phone's line): an ARN's short parts
            // (`arn:`, `aws:`, `secret:`) go with their neighbours, and a document of a
            // hundred ARNs is half the nodes it would be. An id breaks between its groups,
            // whatever is before it.
            let (mut at, mut segment) = (start, start);
            for part in parts(token) {
                let name = part.bytes().take_while(u8::is_ascii_alphanumeric);
                let long_name =
                    part.starts_with(|c: char| c.is_ascii_uppercase()) && name.count() >= LONG_WORD;
                if at > segment && (at - segment >= LONG_WORD || long_name) {
                    pieces.extend([Piece::Text(&text[from..at]), Piece::Break]);
                    (from, segment) = (at, at);
                }
                for word in words(part).filter(|w| w.len() >= JSON_CAMEL_WORD) {
                    let (word_start, word_end) = (at + word.start, at + word.end);
                    if camel_points(&text[word_start..word_end]).next().is_none() {
                        continue;
                    }
                    pieces.push(Piece::Text(&text[from..word_start]));
                    pieces.push(Piece::Name(name_pieces(&text[word_start..word_end])));
                    (from, segment) = (word_end, word_end);
                }
                for point in id_points(part) {
                    pieces.extend([Piece::Text(&text[from..at + point]), Piece::Break]);
                    (from, segment) = (at + point, at + point);
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
/// hyphen), or one we let break between CamelCase parts or after the dots of a key path
/// when it is wider than a line.
fn is_name(part: &str) -> bool {
    has_inner_hyphen(part)
        || camel_points(part).next().is_some()
        || dot_points(part).next().is_some()
}

/// Byte offsets after each dot between two letters or digits of a part at least
/// [`LONG_WORD`] long: `scriptRunner.|serviceAccount.|roleArn`.
fn dot_points(part: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = part.as_bytes();
    let long = part.len() >= LONG_WORD;
    (1..bytes.len().saturating_sub(1)).filter_map(move |i| {
        (long
            && bytes[i] == b'.'
            && bytes[i - 1].is_ascii_alphanumeric()
            && bytes[i + 1].is_ascii_alphanumeric())
        .then_some(i + 1)
    })
}

/// Byte offsets between the groups of the ids in a text: `EXAMPLED|539D4633|…`.
fn id_points(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    words(text)
        .filter(move |word| {
            let id = &bytes[word.clone()];
            id.len() >= LONG_ID
                && id
                    .iter()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                && id.iter().any(u8::is_ascii_uppercase)
                && id.iter().any(u8::is_ascii_digit)
        })
        .flat_map(|word| (word.start + ID_GROUP..word.end).step_by(ID_GROUP))
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
        // A long part breaks from a short one before it: IRSA's action fits a phone's line.
        assert_eq!(
            json("      \"Action\": \"sts:AssumeRoleWithWebIdentity\",\n"),
            "      \"Action\": \"sts:|AssumeRoleWithWebIdentity\",\n"
        );
        assert_eq!(
            json("      \"Action\": \"sts:AssumeRole\",\n"),
            "      \"Action\": \"sts:AssumeRole\",\n"
        );
    }

    /// An EKS cluster's OIDC provider id is 32 upper-case letters and digits, wider than a
    /// phone's line in the JSON and in prose: it breaks between groups of eight.
    #[test]
    fn an_id_breaks_between_its_groups() {
        assert_eq!(
            prose("lists oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE."),
            "lists [oidc.|eks.|eu-west-1.|amazonaws.|com/|id/|EXAMPLED|539D4633|E53DE1B7|1EXAMPLE.]"
        );
        assert_eq!(
            prose("https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"),
            "https://|[oidc.|eks.|eu-west-1.|amazonaws.|com/]|id/|EXAMPLED|539D4633|E53DE1B7|1EXAMPLE"
        );
        assert_eq!(
            json(
                "\"oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub\": \"x\"\n"
            ),
            "\"oidc.eks.eu-west-1.amazonaws.com/|id/|EXAMPLED|539D4633|E53DE1B7|1EXAMPLE:sub\": \"x\"\n"
        );
        // Not a word of a sentence, nor a short or lower-case code.
        assert_eq!(
            prose("ECSTASKEXECUTIONROLEPOLICY"),
            "ECSTASKEXECUTIONROLEPOLICY"
        );
        assert_eq!(prose("i-002e449752b20229d"), "[i-002e449752b20229d]");
    }

    #[test]
    fn a_key_path_breaks_after_its_dots_only_when_it_must() {
        assert_eq!(
            prose("set scriptRunner.serviceAccount.roleArn to it"),
            "set [scriptRunner.|serviceAccount.|roleArn] to it"
        );
        // A sentence's full stop is not a key path's dot.
        assert_eq!(prose("the policy. Then"), "the policy. Then");
    }

    #[test]
    fn in_json_only_a_camel_case_word_wider_than_a_phone_is_kept_whole_and_breaks_between_parts() {
        assert_eq!(
            json("      \"Sid\": \"AllowEksAuthToAssumeRoleForPodIdentity\",\n"),
            "      \"Sid\": \"[Allow|Eks|Auth|To|Assume|Role|For|Pod|Identity]\",\n"
        );
        assert_eq!(
            json("      \"Sid\": \"DecryptAgentSecrets\",\n"),
            "      \"Sid\": \"DecryptAgentSecrets\",\n"
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
        let eks = "\"Sid\": \"AllowEksAuthToAssumeRoleForPodIdentity\", \"oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE:sub\"";
        assert_eq!(shown(&json_pieces(eks)).replace(['|', '[', ']'], ""), eks);
        assert_eq!(shown(&prose_pieces(eks)).replace(['|', '[', ']'], ""), eks);
    }
}
