//! Terraform HCL expressions: object and tuple constructors for `jsonencode`, strings with
//! the partition and DNS suffix taken from `data.aws_partition.current`.

use super::tree::{Node, Piece};
use std::fmt::Write;

pub(crate) fn render(node: &Node, indent: usize) -> String {
    let mut out = String::new();
    write(&mut out, node, indent);
    out
}

fn write(out: &mut String, node: &Node, indent: usize) {
    match node {
        Node::Map(entries) if entries.is_empty() => out.push_str("{}"),
        Node::List(items) if items.is_empty() => out.push_str("[]"),
        Node::Map(entries) => {
            out.push_str("{\n");
            for (key, value) in entries {
                let _ = write!(out, "{:width$}{} = ", "", string(key), width = indent + 2);
                write(out, value, indent + 2);
                out.push('\n');
            }
            let _ = write!(out, "{:indent$}}}", "");
        }
        Node::List(items) => {
            out.push_str("[\n");
            for item in items {
                let _ = write!(out, "{:width$}", "", width = indent + 2);
                write(out, item, indent + 2);
                out.push_str(",\n");
            }
            let _ = write!(out, "{:indent$}]", "");
        }
        Node::Text(text) => out.push_str(&string(text)),
        Node::Template(pieces) => {
            out.push('"');
            for piece in pieces {
                match piece {
                    Piece::Partition(_) => out.push_str("${data.aws_partition.current.partition}"),
                    Piece::UrlSuffix(_) => out.push_str("${data.aws_partition.current.dns_suffix}"),
                    // A variable of the configuration's own (`var.oidc_issuer`).
                    Piece::Parameter(name) => {
                        out.push_str("${");
                        out.push_str(name);
                        out.push('}');
                    }
                    // Region and account stay as typed: they name where the secrets are.
                    other => out.push_str(&escape(other.value())),
                }
            }
            out.push('"');
        }
        // CloudFormation intrinsics never reach the Terraform tree.
        Node::Ref(name) => out.push_str(&string(name)),
        Node::Raw(literal) => out.push_str(literal),
        Node::GetAtt(resource, attribute) => {
            out.push_str(&string(&format!("{resource}.{attribute}")))
        }
    }
}

/// A quoted HCL string literal.
pub(crate) fn string(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// HCL escapes, plus `$${` and `%%{` so no text is read as an interpolation or directive.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            // Raw control characters and line separators would reach the file as they are.
            c if crate::text::chars::breaks_text(c) => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}
