//! TypeScript values for the CDK export: JSON literals, and template literals with the CDK's
//! `Aws.PARTITION` / `Aws.URL_SUFFIX` tokens for the partition's parts and the construct's
//! `account` / `region` constants (its props, defaulting to what the user typed) for the
//! agent's — never `Aws.REGION` / `Aws.ACCOUNT_ID`, which are the stack's.

use super::tree::{Node, Piece};

/// The construct's constant for the agent's account.
pub(crate) const ACCOUNT: &str = "account";
/// The construct's constant for the agent's region.
pub(crate) const REGION: &str = "region";

/// A TypeScript expression for a scalar or a string list.
pub(crate) fn value(node: &Node) -> String {
    match node {
        Node::Text(text) => string(text),
        Node::Template(pieces) if matches!(pieces[..], [Piece::Account(_)]) => ACCOUNT.to_owned(),
        Node::Template(pieces) => {
            let body: String = pieces
                .iter()
                .map(|piece| match piece {
                    Piece::Literal(text) => escaped(text, '`'),
                    Piece::Partition(_) => "${Aws.PARTITION}".to_owned(),
                    Piece::Region(_) => format!("${{{REGION}}}"),
                    Piece::Account(_) => format!("${{{ACCOUNT}}}"),
                    Piece::UrlSuffix(_) => "${Aws.URL_SUFFIX}".to_owned(),
                    Piece::StackAccount => "${Aws.ACCOUNT_ID}".to_owned(),
                    Piece::Parameter(name) => format!("${{{name}}}"),
                })
                .collect();
            format!("`{body}`")
        }
        Node::List(items) => format!(
            "[{}]",
            items.iter().map(value).collect::<Vec<_>>().join(", ")
        ),
        Node::Map(entries) => {
            let fields: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", string(k), value(v)))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        Node::Ref(name) => string(name),
        Node::GetAtt(resource, attribute) => string(&format!("{resource}.{attribute}")),
        Node::Raw(literal) => literal.clone(),
    }
}

/// A single-quoted TypeScript string.
pub(crate) fn string(text: &str) -> String {
    format!("'{}'", escaped(text, '\''))
}

/// `text` for inside a string or template literal closed by `quote`: backslashes and the
/// quote escaped (and, in a template literal, the `$` of a `${`), and every control
/// character and line separator written as `\uXXXX` — a template literal would read a
/// carriage return as a line feed, and a raw U+2028 ends a line for older parsers.
fn escaped(text: &str, quote: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '$' if quote == '`' && chars.peek() == Some(&'{') => out.push_str("\\$"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if crate::text::chars::breaks_text(c) => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}
