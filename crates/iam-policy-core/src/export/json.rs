//! CloudFormation JSON, in the tree's key order, two-space indented.

use super::cloudformation::ACCOUNT_PARAMETER;
use super::tree::{Node, Piece};
use super::yaml::sub_string;
use std::fmt::Write;

pub(crate) fn render(node: &Node) -> String {
    let mut out = String::new();
    write(&mut out, node, 0);
    out.push('\n');
    out
}

fn write(out: &mut String, node: &Node, indent: usize) {
    match node {
        Node::Map(entries) if entries.is_empty() => out.push_str("{}"),
        Node::List(items) if items.is_empty() => out.push_str("[]"),
        Node::Map(entries) => {
            out.push_str("{\n");
            for (i, (key, value)) in entries.iter().enumerate() {
                let _ = write!(out, "{:width$}{}: ", "", quoted(key), width = indent + 2);
                write(out, value, indent + 2);
                out.push_str(if i + 1 < entries.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{:indent$}}}", "");
        }
        Node::List(items) => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                let _ = write!(out, "{:width$}", "", width = indent + 2);
                write(out, item, indent + 2);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{:indent$}]", "");
        }
        Node::Text(text) => out.push_str(&quoted(text)),
        Node::Template(pieces) if matches!(pieces[..], [Piece::Account(_)]) => {
            let _ = write!(out, "{{ \"Ref\": {} }}", quoted(ACCOUNT_PARAMETER));
        }
        Node::Template(pieces) => {
            let _ = write!(out, "{{ \"Fn::Sub\": {} }}", quoted(&sub_string(pieces)));
        }
        Node::Ref(name) => {
            let _ = write!(out, "{{ \"Ref\": {} }}", quoted(name));
        }
        Node::Raw(literal) => out.push_str(literal),
        Node::GetAtt(resource, attribute) => {
            let _ = write!(
                out,
                "{{ \"Fn::GetAtt\": [{}, {}] }}",
                quoted(resource),
                quoted(attribute)
            );
        }
    }
}

/// A JSON string that cfn-lint and CloudFormation read back as `text`: serde_json would
/// leave DEL, C1 controls and U+FFFE/U+FFFF raw, which a YAML reader (CloudFormation
/// reads JSON templates as YAML too) refuses.
fn quoted(text: &str) -> String {
    super::yaml::quoted(text)
}
