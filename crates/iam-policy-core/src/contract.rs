//! The contract other tools and people read, written from the core's types and tables: the
//! npm package's whole TypeScript declaration (`src/js_api/types.d.ts`) and the README's
//! tables of widget attributes, CLI flags and problem codes. A test in the web crate
//! (`tests/contract.rs`) compares the committed copies with these and rewrites them with
//! `BLESS=1`, so they cannot drift from the code.
//!
//! Each object type is declared by the const [`Interface`] next to its Rust type (the
//! core's `tests/declarations.rs` holds those to the JSON real responses serialise to);
//! each union of ids is its type's `ALL` table, serialised as serde writes it; the request
//! and `mount()`'s form options are the field table's rows.

use crate::build::{Access, Response, Target};
use crate::export::{Export, Format};
use crate::input::fields::{FIELDS, FieldDef, Kind};
use crate::input::problem::{Code, FieldValue, Fix, Problem, Severity};
use crate::input::request::{EksCredentials, Platform, SecretScope};
use crate::input::{Field, Request};
use crate::model::policy::{PolicyDocument, Statement};
use crate::model::shape::{Interface, Member, Shape};
use crate::model::{Document, DocumentId, Origin, Placement, Policy, PolicyKind, Size};
use crate::read::ecs_error::{Cause, Diagnosis, Step};
use crate::read::existing::Decision;
use crate::view::{Control, EXPORT_FORMATS, HeadingLevel, Theme};
use serde::Serialize;
use serde_json::Value;

/// A generated part of a committed file: its name (written in the file's markers) and
/// its text.
pub struct Section {
    /// The marker name, e.g. `cli-flags`.
    pub name: &'static str,
    /// The text between the markers, ending in a newline.
    pub text: String,
}

/// Every generated section of `README.md` and the npm package's `embed/README.md`
/// (`<!-- generated: NAME -->` … `<!-- /generated -->`); `view_settings` as for
/// [`declarations`].
pub fn sections(view_settings: &[Member]) -> Vec<Section> {
    vec![
        Section {
            name: "request-fields",
            text: option_table(&build_request(), view_settings),
        },
        Section {
            name: "mount-options",
            text: option_table(&mount_options(view_settings), view_settings),
        },
        Section {
            name: "widget-form-attributes",
            text: widget_form_attributes(),
        },
        Section {
            name: "cli-flags",
            text: cli_flags(),
        },
        Section {
            name: "problem-codes",
            text: problem_codes(),
        },
    ]
}

/// One declaration of the npm package's types.
#[derive(Debug, Clone, PartialEq)]
pub struct Declaration {
    /// The name it is exported under.
    pub name: &'static str,
    /// What it is, for its doc comment.
    pub doc: String,
    /// What it declares.
    pub body: Body,
}

/// What a declaration declares.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// An object type: `export interface Name { … }`.
    Interface(Vec<Entry>),
    /// A union of literal values, each as the JSON holds it: `export type Name = "a" | "b"`.
    Union(Vec<Value>),
    /// Another name for a shape: `export type Name = A | B`.
    Alias(Shape),
}

/// One member of an interface; its doc may be written from a table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub name: &'static str,
    /// What it holds.
    pub shape: Shape,
    /// Whether it may be left out.
    pub optional: bool,
    /// What it is.
    pub doc: String,
}

impl From<&Member> for Entry {
    fn from(member: &Member) -> Entry {
        Entry {
            name: member.name,
            shape: member.shape,
            optional: member.optional,
            doc: member.doc.to_owned(),
        }
    }
}

impl From<&Interface> for Declaration {
    fn from(interface: &Interface) -> Declaration {
        Declaration {
            name: interface.name,
            doc: interface.doc.to_owned(),
            body: Body::Interface(interface.members.iter().map(Entry::from).collect()),
        }
    }
}

/// A union of the values `all` serialise to: each id exactly as responses write it.
pub fn union<T: Serialize>(name: &'static str, doc: &str, all: &[T]) -> Declaration {
    Declaration {
        name,
        doc: doc.to_owned(),
        body: Body::Union(
            all.iter()
                .map(|value| serde_json::to_value(value).expect("an id serialises"))
                .collect(),
        ),
    }
}

/// Every declaration of the npm package's types, in the file's order. `view_settings` are
/// `mount()`'s options beyond the form's fields — how the builder looks and what it shows
/// — which the web crate's widget settings declare (`widget_settings::declared()`).
pub fn declarations(view_settings: &[Member]) -> Vec<Declaration> {
    let mut all = vec![
        build_request(),
        union(
            "Platform",
            "Where the agent runs: ECS Fargate, or Amazon EKS.",
            Platform::ALL,
        ),
        union(
            "EksCredentials",
            "How the runner's pods on EKS get credentials: IRSA, or EKS Pod Identity.",
            EksCredentials::ALL,
        ),
        union(
            "SecretScope",
            "Which secrets the execution role (on EKS, the runner role) may read.",
            SecretScope::ALL,
        ),
        union(
            "DocumentId",
            "Which document: its id in responses, mount()'s documents and exportAs().",
            DocumentId::ALL,
        ),
        (&Response::DECLARED).into(),
        (&Diagnosis::DECLARED).into(),
        (&Step::DECLARED).into(),
        union(
            "DiagnosisCause",
            "What a pasted ECS error says went wrong (`Diagnosis.cause`).",
            Cause::ALL,
        ),
        (&crate::read::eks_error::Diagnosis::DECLARED).into(),
        union(
            "EksDiagnosisCause",
            "What a pasted EKS error says went wrong (`EksDiagnosis.cause`).",
            crate::read::eks_error::Cause::ALL,
        ),
        union(
            "AccessDecision",
            "What a pasted secrets policy decided for an entry before the fix (`Access.before`).",
            &Decision::ALL,
        ),
        (&Access::DECLARED).into(),
        (&Target::DECLARED).into(),
        (&Document::DECLARED).into(),
        union(
            "PolicyKind",
            "A role's trust policy, or an inline permissions policy.",
            &PolicyKind::ALL,
        ),
        union(
            "Origin",
            "Written from the form, or made from a pasted policy.",
            &Origin::ALL,
        ),
        (&Placement::DECLARED).into(),
        (&Size::DECLARED).into(),
        Declaration {
            name: Policy::DECLARED.name,
            doc: Policy::DECLARED.doc.to_owned(),
            body: Body::Alias(Policy::DECLARED.shape),
        },
        (&PolicyDocument::DECLARED).into(),
        (&Statement::DECLARED).into(),
    ];
    all.extend(
        crate::read::existing::read::DECLARED
            .iter()
            .map(Declaration::from),
    );
    all.extend([
        (&Problem::DECLARED).into(),
        union(
            "Severity",
            "How much a problem matters: an error leaves a document incomplete or not working.",
            &Severity::ALL,
        ),
        (&Fix::DECLARED).into(),
        (&FieldValue::DECLARED).into(),
        union(
            "ProblemField",
            "The request field a problem belongs to; \"documents\" for a document as a whole.",
            &FIELDS
                .iter()
                .map(|def| def.field)
                .chain([Field::Documents])
                .collect::<Vec<_>>(),
        ),
        union(
            "ProblemCode",
            "What kind of problem it is, stable across versions (the README lists each).",
            Code::ALL,
        ),
        union(
            "ExportFormat",
            "The formats of exportAs(): the CLI's --format names.",
            &Format::ALL,
        ),
        (&Export::DECLARED).into(),
        union(
            "Control",
            "A control a widget may offer or hide.",
            &Control::ALL.map(Control::id),
        ),
        union(
            "ExportTab",
            "An export tab a widget may offer: exportAs()'s formats but the response itself.",
            EXPORT_FORMATS,
        ),
        union(
            "Theme",
            "The colour scheme: \"auto\" follows the host page's theme variables, then the reader's light or dark preference.",
            &Theme::ALL.map(Theme::id),
        ),
        union(
            "HeadingLevel",
            "A heading level from 1 to 5; the cards' headings are one below it.",
            &(0..=u8::MAX)
                .filter(|&level| HeadingLevel::new(level).is_some())
                .collect::<Vec<_>>(),
        ),
        mount_options(view_settings),
    ]);
    all
}

/// The npm package's whole TypeScript declaration, `src/js_api/types.d.ts`.
pub fn typescript(view_settings: &[Member]) -> String {
    let mut out = String::from(
        "// The npm package's types, generated from the core's types and tables by\n// crates/iam-policy-core/src/contract.rs: do not edit. After changing what they\n// describe, run `BLESS=1 cargo test --test contract` and review the diff.\n//\n// build() takes and returns exactly the JSON the CLI reads and prints; mount() takes\n// the same settings as a widget's data-* attributes.\n",
    );
    for declaration in declarations(view_settings) {
        out.push('\n');
        out.push_str(&declare(&declaration));
    }
    out
}

fn declare(declaration: &Declaration) -> String {
    let mut out = doc_comment("", &declaration.doc);
    let name = declaration.name;
    match &declaration.body {
        Body::Interface(entries) => {
            out.push_str(&format!("export interface {name} {{\n"));
            for entry in entries {
                out.push_str(&doc_comment("  ", &entry.doc));
                let optional = if entry.optional { "?" } else { "" };
                out.push_str(&format!(
                    "  {}{optional}: {};\n",
                    entry.name,
                    ts(&entry.shape)
                ));
            }
            out.push_str("}\n");
        }
        Body::Union(values) => {
            out.push_str(&format!("export type {name} =\n"));
            let values: Vec<String> = values.iter().map(Value::to_string).collect();
            out.push_str(&format!("  | {};\n", values.join("\n  | ")));
        }
        Body::Alias(shape) => out.push_str(&format!("export type {name} = {};\n", ts(shape))),
    }
    out
}

fn doc_comment(indent: &str, doc: &str) -> String {
    if doc.is_empty() {
        String::new()
    } else {
        format!("{indent}/** {doc} */\n")
    }
}

/// The TypeScript type of a shape.
pub fn ts(shape: &Shape) -> String {
    match shape {
        Shape::String => "string".to_owned(),
        Shape::Number => "number".to_owned(),
        Shape::Boolean => "boolean".to_owned(),
        Shape::Unknown => "unknown".to_owned(),
        Shape::Exactly(text) => Value::from(*text).to_string(),
        Shape::True => "true".to_owned(),
        Shape::Named(name) => (*name).to_owned(),
        Shape::List(item @ Shape::AnyOf(_)) => format!("({})[]", ts(item)),
        Shape::List(item) => format!("{}[]", ts(item)),
        Shape::OrNull(shape) => format!("{} | null", ts(shape)),
        Shape::AnyOf(shapes) => shapes.iter().map(ts).collect::<Vec<_>>().join(" | "),
        Shape::Object(members) => {
            let members: Vec<String> = members
                .iter()
                .map(|member| {
                    let optional = if member.optional { "?" } else { "" };
                    format!("{}{optional}: {}", member.name, ts(&member.shape))
                })
                .collect();
            format!("{{ {} }}", members.join("; "))
        }
        Shape::Map(value) => format!("Record<string, {}>", ts(value)),
    }
}

fn form_shape(def: &FieldDef) -> Shape {
    match def.kind() {
        Kind::Text => Shape::String,
        Kind::List => Shape::List(&Shape::String),
        Kind::Switch => Shape::Boolean,
        Kind::Choice => Shape::Named(def.choice_type().unwrap_or("string")),
    }
}

fn default_note(def: &FieldDef) -> String {
    match def.kind() {
        Kind::Switch | Kind::Choice => format!(" Default {}.", def.default_text()),
        Kind::Text | Kind::List => String::new(),
    }
}

fn sentence(help: &str) -> String {
    format!("{}.", crate::text::chars::capitalised(help))
}

fn build_request() -> Declaration {
    let mut entries: Vec<Entry> = FIELDS
        .iter()
        .map(|def| Entry {
            name: def.name,
            shape: form_shape(def),
            optional: true,
            doc: format!("{}{}", sentence(def.help), default_note(def)),
        })
        .collect();
    entries.extend(Request::LEGACY.iter().map(Entry::from));
    Declaration {
        name: "BuildRequest",
        doc: "A request: every field may be left out; a missing or bad value becomes a problem."
            .to_owned(),
        body: Body::Interface(entries),
    }
}

/// `mount()`'s options: the form's fields, where the form starts (a list may be one text,
/// entries a line or a comma apart, as its attribute is), then the view's settings.
fn mount_options(view_settings: &[Member]) -> Declaration {
    let mut entries: Vec<Entry> = FIELDS
        .iter()
        .map(|def| Entry {
            name: def.name,
            shape: match def.kind() {
                Kind::List => Shape::ONE_OR_MANY,
                _ => form_shape(def),
            },
            optional: true,
            doc: sentence(def.help),
        })
        .collect();
    entries.extend(view_settings.iter().map(Entry::from));
    Declaration {
        name: "MountOptions",
        doc: "A widget's settings: the same as its data-* attributes (headingLevel is data-heading-level). Form values are where the form starts; the reader may change them.".to_owned(),
        body: Body::Interface(entries),
    }
}

/// An interface's members as a Markdown table: name, type, what it is. A union the type
/// names is spelled out, so a reader of the README sees the values it takes.
fn option_table(declaration: &Declaration, view_settings: &[Member]) -> String {
    let declarations = declarations(view_settings);
    let mut out = String::from("| option | type | what it is |\n|---|---|---|\n");
    if let Body::Interface(entries) = &declaration.body {
        for entry in entries {
            // A `|` inside a cell would end it.
            let ts = spelled_out(&entry.shape, &declarations).replace('|', "\\|");
            out.push_str(&format!("| `{}` | `{ts}` | {} |\n", entry.name, entry.doc));
        }
    }
    out
}

/// The TypeScript type of a shape, with the unions it names written out.
fn spelled_out(shape: &Shape, declarations: &[Declaration]) -> String {
    let values = |name: &str| {
        declarations.iter().find_map(|d| match &d.body {
            Body::Union(values) if d.name == name => Some(values),
            _ => None,
        })
    };
    match shape {
        Shape::Named(name) => match values(name) {
            Some(values) => values
                .iter()
                .map(Value::to_string)
                .collect::<Vec<_>>()
                .join(" | "),
            None => (*name).to_owned(),
        },
        Shape::List(Shape::Named(name)) if values(name).is_some() => {
            format!("({})[]", spelled_out(&Shape::Named(name), declarations))
        }
        Shape::AnyOf(shapes) => shapes
            .iter()
            .map(|shape| spelled_out(shape, declarations))
            .collect::<Vec<_>>()
            .join(" | "),
        other => ts(other),
    }
}

fn code_id(code: Code) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|id| id.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn widget_form_attributes() -> String {
    let mut out = String::from("| attribute | option | the form starts with |\n|---|---|---|\n");
    for def in FIELDS {
        let takes = match def.kind() {
            Kind::Text => "text".to_owned(),
            Kind::List => "entries, one per line or comma".to_owned(),
            Kind::Switch => format!("`true` or `false` (default `{}`)", def.default_text()),
            Kind::Choice => format!(
                "{} (default `{}`)",
                def.choices()
                    .iter()
                    .map(|id| format!("`{id}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                def.default_text()
            ),
        };
        out.push_str(&format!(
            "| `{}` | `{}` | {}: {takes} |\n",
            def.attribute(),
            def.name,
            sentence(def.help).trim_end_matches('.')
        ));
    }
    out
}

fn cli_flags() -> String {
    let mut out = String::from("| flag | request field | what it sets |\n|---|---|---|\n");
    for def in FIELDS {
        let flag = match def.kind() {
            Kind::Switch => format!("--{}", def.flag),
            _ => format!("--{} {}", def.flag, def.value_name),
        };
        out.push_str(&format!(
            "| `{flag}` | `{}` | {} |\n",
            def.name,
            sentence(&def.flag_help()).trim_end_matches('.')
        ));
    }
    out
}

fn problem_codes() -> String {
    let mut out = String::from("| code | severity | when |\n|---|---|---|\n");
    for &code in Code::ALL {
        let (severity, when) = code.documented();
        let severity = match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        out.push_str(&format!("| `{}` | {severity} | {when} |\n", code_id(code)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_listed_once_with_the_id_responses_use() {
        let ids: Vec<String> = Code::ALL.iter().map(|&code| code_id(code)).collect();
        for (i, id) in ids.iter().enumerate() {
            assert!(!id.is_empty());
            assert!(!ids[i + 1..].contains(id), "{id} twice");
        }
    }

    #[test]
    fn every_field_is_in_every_field_section() {
        let sections = sections(&[]);
        let text = |name: &str| {
            &sections
                .iter()
                .find(|section| section.name == name)
                .expect("a section")
                .text
        };
        let types = typescript(&[]);
        for def in FIELDS {
            assert_eq!(types.matches(&format!("  {}?: ", def.name)).count(), 2);
            assert!(text("widget-form-attributes").contains(&format!("`{}`", def.attribute())));
            assert!(text("cli-flags").contains(&format!("`--{}", def.flag)));
        }
    }
}
