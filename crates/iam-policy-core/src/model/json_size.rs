//! The size IAM counts — characters of the compact JSON — computed from the typed document
//! without writing the JSON. Every keystroke sizes every document, and writing them out
//! was a fifth of `build`. This mirrors what serde_json writes for the policy types; the
//! property tests and the fuzzer hold the two to the same number on every document they
//! make, and the tests below on each shape.

use crate::model::policy::{Condition, Effect, OneOrMany, PolicyDocument, Principal, Statement};
use crate::text::word_scan::{HIGH, below, covering_words, equal};

/// Characters of `serde_json::to_string(policy)`.
pub(crate) fn compact_chars(policy: &PolicyDocument) -> usize {
    // {"Version":"…","Statement":[…]}
    2 + key("Version")
        + string(policy.version)
        + 1
        + key("Statement")
        + list(policy.statement.iter().map(statement))
}

fn statement(statement: &Statement) -> usize {
    let Statement {
        sid,
        effect,
        principal,
        action,
        resource,
        condition,
    } = statement;
    // Exhaustive, so a new effect cannot be counted with the wrong name.
    let effect = match effect {
        Effect::Allow => "Allow",
    };
    let fields = [
        sid.map(|sid| key("Sid") + string(sid.as_str())),
        Some(key("Effect") + string(effect)),
        principal.as_ref().map(|p| {
            key("Principal")
                + 2
                + match p {
                    Principal::Service(service) => key("Service") + one_or_many(service),
                    Principal::Federated(provider) => key("Federated") + string(provider),
                }
        }),
        Some(key("Action") + one_or_many(action)),
        resource.as_ref().map(|r| key("Resource") + one_or_many(r)),
        condition.as_ref().map(|c| key("Condition") + conditions(c)),
    ];
    object(fields.into_iter().flatten())
}

fn conditions(condition: &Condition) -> usize {
    object(condition.iter().map(|(operator, keys)| {
        key(operator)
            + object(
                keys.iter()
                    // An issuer's key is made from what was typed: counted as a string.
                    .map(|(name, value)| string(name) + 1 + one_or_many(value)),
            )
    }))
}

fn one_or_many<T: AsRef<str>>(value: &OneOrMany<T>) -> usize {
    match value {
        OneOrMany::One(one) => string(one.as_ref()),
        OneOrMany::Many(many) => list(many.iter().map(|item| string(item.as_ref()))),
    }
}

/// `{a,b,…}` from the members' sizes.
fn object(members: impl Iterator<Item = usize>) -> usize {
    2 + separated(members)
}

/// `[a,b,…]` from the items' sizes.
fn list(items: impl Iterator<Item = usize>) -> usize {
    2 + separated(items)
}

fn separated(sizes: impl Iterator<Item = usize>) -> usize {
    let (count, total) = sizes.fold((0_usize, 0), |(count, total), size| {
        (count + 1, total + size)
    });
    total + count.saturating_sub(1)
}

/// `"name":` — keys are the policy grammar's names and the builder's own condition
/// operators and keys, ASCII identifiers JSON never escapes.
fn key(name: &str) -> usize {
    debug_assert!(is_plain(name.as_bytes()), "{name} needs escaping");
    name.len() + 3
}

/// Whether no byte is escaped or part of a multi-byte character: then each byte is one
/// character. Eight bytes at a time (ARNs are most of what is counted). Below 0x23 takes
/// in space and `!` with the control characters and `"` — one test instead of two; that
/// rare false "no" only sends the text to the exact count.
fn is_plain(bytes: &[u8]) -> bool {
    match covering_words(bytes) {
        Some(mut words) => {
            words.all(|word| (below(word, b'"' + 1) | equal(word, b'\\') | word) & HIGH == 0)
        }
        None => bytes
            .iter()
            .all(|&b| b > b'"' && b != b'\\' && b.is_ascii()),
    }
}

/// A JSON string as serde_json escapes it: `\"`, `\\` and the short escapes of control
/// characters take two characters, other control characters six (`\u001f`).
fn string(text: &str) -> usize {
    if is_plain(text.as_bytes()) {
        return 2 + text.len();
    }
    2 + text
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\u{8}' | '\u{c}' | '\n' | '\r' | '\t' => 2,
            c if c < ' ' => 6,
            _ => 1,
        })
        .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::policy::{OneOrMany, Sid};

    fn serialised(policy: &PolicyDocument) -> usize {
        serde_json::to_string(policy)
            .expect("a policy serialises")
            .chars()
            .count()
    }

    #[test]
    fn plain_text_is_recognised_eight_bytes_at_a_time() {
        let plain = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-??????";
        assert!(is_plain(plain.as_bytes()));
        // Each special byte, at every position of a word and of the remainder. Space and
        // `!` are the two deliberate false "no"s: they are counted exactly all the same.
        for special in ["\"", "\\", "\n", "\u{1f}", "\u{0}", "é", "\u{7f}", " ", "!"] {
            for at in 0..plain.len() {
                let text = [&plain[..at], special, &plain[at..]].concat();
                let expected = special == "\u{7f}";
                assert_eq!(is_plain(text.as_bytes()), expected, "{special:?} at {at}");
                assert_eq!(
                    string(&text),
                    serde_json::to_string(&text)
                        .expect("a string")
                        .chars()
                        .count()
                );
            }
        }
    }

    #[test]
    fn every_shape_counts_as_serde_json_writes_it() {
        let statements = vec![
            (
                Sid::new("Trust"),
                Statement::allow(OneOrMany::One("sts:AssumeRole")).by(OneOrMany::Many(vec![
                    "ecs-tasks.amazonaws.com",
                    "ec2.amazonaws.com",
                ])),
            ),
            (
                Sid::new("Read"),
                Statement::allow(OneOrMany::Many(vec![]))
                    .on(OneOrMany::Many(vec![
                        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:a-??????".into(),
                        "quote \" backslash \\ tab \t bell \u{7} é 雪 😀".into(),
                    ]))
                    .when(
                        "StringEquals",
                        "aws:SourceAccount",
                        OneOrMany::One("1".into()),
                    )
                    .when("StringEquals", "kms:ViaService", OneOrMany::Many(vec![]))
                    .when(
                        "ArnLike",
                        "aws:SourceArn",
                        OneOrMany::Many(vec!["x".into()]),
                    ),
            ),
        ];
        for policy in [
            PolicyDocument::new(vec![]),
            PolicyDocument::with_sids(statements.clone()),
            PolicyDocument::with_sids(statements[1..].to_vec()),
        ] {
            assert_eq!(compact_chars(&policy), serialised(&policy), "{policy:?}");
        }
    }
}
