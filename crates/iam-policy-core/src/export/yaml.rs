//! CloudFormation YAML: block style, every string double-quoted (JSON's escapes are valid
//! YAML), `!Sub` / `!Ref` / `!GetAtt` short forms.

use super::cloudformation::{ACCOUNT_PARAMETER, REGION_PARAMETER};
use super::tree::{Node, Piece};
use std::fmt::Write;

pub(crate) fn render(node: &Node) -> String {
    let mut out = String::new();
    if let Node::Map(entries) = node {
        write_entries(&mut out, entries, 0);
    }
    out
}

fn write_entries(out: &mut String, entries: &[(String, Node)], indent: usize) {
    for (key, value) in entries {
        let _ = write!(out, "{:indent$}{}:", "", key_text(key));
        write_value(out, value, indent);
    }
}

/// Writes what follows `key:` or `-`: a scalar on the same line, a block on the next.
fn write_value(out: &mut String, value: &Node, indent: usize) {
    match value {
        Node::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Node::List(items) if items.is_empty() => out.push_str(" []\n"),
        Node::Map(entries) => {
            out.push('\n');
            write_entries(out, entries, indent + 2);
        }
        Node::List(items) => {
            out.push('\n');
            for item in items {
                let _ = write!(out, "{:width$}-", "", width = indent + 2);
                match item {
                    // A map inside a list starts on the dash's line.
                    Node::Map(entries) if !entries.is_empty() => {
                        let mut nested = String::new();
                        write_entries(&mut nested, entries, indent + 4);
                        out.push(' ');
                        out.push_str(nested.trim_start());
                    }
                    other => write_value(out, other, indent + 2),
                }
            }
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

fn scalar_text(node: &Node) -> String {
    match node {
        Node::Text(text) => quoted(text),
        Node::Template(pieces) if matches!(pieces[..], [Piece::Account(_)]) => {
            format!("!Ref {ACCOUNT_PARAMETER}")
        }
        Node::Template(pieces) => format!("!Sub {}", quoted(&sub_string(pieces))),
        Node::Ref(name) => format!("!Ref {name}"),
        Node::GetAtt(resource, attribute) => format!("!GetAtt {resource}.{attribute}"),
        Node::Raw(literal) => literal.clone(),
        Node::Map(_) | Node::List(_) => String::new(),
    }
}

/// The `Fn::Sub` string, `${!` for a literal `${`. The partition and DNS suffix are the
/// stack's pseudo parameters (an account lives in one partition, so a stack that can see
/// the agent's secrets is in theirs); the region and account are the template's parameters,
/// which default to what the user typed — a stack deployed in `us-east-1` must still grant
/// the secrets in `eu-west-1`.
pub(crate) fn sub_string(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Literal(text) => text.replace("${", "${!"),
            Piece::Partition(_) => "${AWS::Partition}".to_owned(),
            Piece::Region(_) => format!("${{{REGION_PARAMETER}}}"),
            Piece::Account(_) => format!("${{{ACCOUNT_PARAMETER}}}"),
            Piece::UrlSuffix(_) => "${AWS::URLSuffix}".to_owned(),
            Piece::StackAccount => "${AWS::AccountId}".to_owned(),
            Piece::Parameter(name) => format!("${{{name}}}"),
        })
        .collect()
}

/// A double-quoted YAML scalar that reads back as exactly `text`. Besides `"` and `\`,
/// every character YAML may not carry as it is (controls, DEL, C1 controls, U+FFFE/U+FFFF)
/// and every one a YAML 1.1 parser (PyYAML, so cfn-lint) folds as a line break (U+0085,
/// U+2028, U+2029) is written as an escape. Every escape it writes is JSON's too, so the
/// CloudFormation JSON writes its strings with it.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if yaml_printable(c) => out.push(c),
            c => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

/// YAML's printable characters, less the line breaks YAML 1.1 adds (U+0085, U+2028,
/// U+2029).
fn yaml_printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{2027}' | '\u{202A}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Plain keys where YAML reads them back as the same string, quoted otherwise: a key
/// with anything but letters, digits and `_` (`aws:SourceArn`), one that starts with a
/// digit (`123456789012`, `0x1F` read as numbers) and the words YAML 1.1 reads as null or
/// booleans.
fn key_text(key: &str) -> String {
    const NOT_STRINGS: [&str; 9] = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"];
    let plain = key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !NOT_STRINGS.contains(&key.to_ascii_lowercase().as_str());
    if plain { key.to_owned() } else { quoted(key) }
}
