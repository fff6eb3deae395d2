//! The contract other tools and people read, written from the field table and the core's
//! enums: the TypeScript types of the npm package's request, fields and problem codes,
//! and the README's tables of widget attributes, CLI flags and problem codes. A test in
//! the web crate (`tests/contract.rs`) compares the committed copies with these and
//! rewrites them with `BLESS=1`, so they cannot drift from the code.

use crate::input::fields::{FIELDS, FieldDef, Kind};
use crate::input::problem::{Code, Severity};
use crate::input::request::SecretScope;

/// A generated part of a committed file: its name (written in the file's markers) and
/// its text.
pub struct Section {
    /// The marker name, e.g. `build-request`.
    pub name: &'static str,
    /// The text between the markers, ending in a newline.
    pub text: String,
}

/// Every generated section, for `src/js_api/types.d.ts` (`// <generated: NAME>` …
/// `// </generated>`) and `README.md` (`<!-- generated: NAME -->` … `<!-- /generated -->`).
pub fn sections() -> Vec<Section> {
    vec![
        Section {
            name: "build-request",
            text: build_request(),
        },
        Section {
            name: "secret-scope",
            text: secret_scope(),
        },
        Section {
            name: "problem-field",
            text: problem_field(),
        },
        Section {
            name: "problem-code",
            text: problem_code(),
        },
        Section {
            name: "diagnosis-cause",
            text: diagnosis_cause(),
        },
        Section {
            name: "access-decision",
            text: access_decision(),
        },
        Section {
            name: "mount-form-options",
            text: mount_form_options(),
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

fn typescript_type(def: &FieldDef) -> &'static str {
    match def.kind() {
        Kind::Text => "string",
        Kind::List => "string[]",
        Kind::Switch => "boolean",
        Kind::Scope => "SecretScope",
    }
}

fn default_note(def: &FieldDef) -> String {
    match def.kind() {
        Kind::Switch | Kind::Scope => format!(" Default {}.", def.default_text()),
        Kind::Text | Kind::List => String::new(),
    }
}

fn sentence(help: &str) -> String {
    format!("{}.", crate::text::chars::capitalised(help))
}

fn build_request() -> String {
    let mut out = String::from(
        "/** A request: every field may be left out; a missing or bad value becomes a problem. */\nexport interface BuildRequest {\n",
    );
    for def in FIELDS {
        out.push_str(&format!(
            "  /** {}{} */\n  {}?: {};\n",
            sentence(def.help),
            default_note(def),
            def.name,
            typescript_type(def)
        ));
    }
    out.push_str(
        "  /** Older requests' spelling of secretScope: \"all\". */\n  allSecrets?: boolean;\n}\n",
    );
    out
}

fn union(name: &str, members: impl IntoIterator<Item = String>) -> String {
    let mut out = format!("export type {name} =\n");
    for member in members {
        out.push_str(&format!("  | \"{member}\"\n"));
    }
    out.truncate(out.len() - 1);
    out.push_str(";\n");
    out
}

fn secret_scope() -> String {
    union(
        "SecretScope",
        SecretScope::ALL.iter().map(|scope| scope.id().to_owned()),
    )
}

fn problem_field() -> String {
    union(
        "ProblemField",
        FIELDS
            .iter()
            .map(|def| def.name.to_owned())
            .chain(["documents".to_owned()]),
    )
}

fn code_id(code: Code) -> String {
    serde_json::to_value(code)
        .ok()
        .and_then(|id| id.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn problem_code() -> String {
    union("ProblemCode", Code::ALL.iter().map(|&code| code_id(code)))
}

fn diagnosis_cause() -> String {
    let mut out =
        String::from("/** What a pasted ECS error says went wrong (`Diagnosis.cause`). */\n");
    out.push_str(&union(
        "DiagnosisCause",
        crate::read::ecs_error::Cause::ALL
            .iter()
            .map(|cause| cause.id().to_owned()),
    ));
    out
}

fn access_decision() -> String {
    let mut out = String::from(
        "/** What a pasted secrets policy decided for an entry before the fix (`Access.before`). */\n",
    );
    out.push_str(&union(
        "AccessDecision",
        crate::read::existing::Decision::ALL
            .iter()
            .map(|decision| decision.id().to_owned()),
    ));
    out
}

fn mount_form_options() -> String {
    let mut out = String::new();
    for def in FIELDS {
        let ts = match def.kind() {
            Kind::List => "string | string[]",
            _ => typescript_type(def),
        };
        out.push_str(&format!(
            "  /** {} */\n  {}?: {ts};\n",
            sentence(def.help),
            def.name
        ));
    }
    out
}

fn widget_form_attributes() -> String {
    let mut out = String::from("| attribute | option | the form starts with |\n|---|---|---|\n");
    for def in FIELDS {
        let takes = match def.kind() {
            Kind::Text => "text".to_owned(),
            Kind::List => "entries, one per line or comma".to_owned(),
            Kind::Switch => format!("`true` or `false` (default `{}`)", def.default_text()),
            Kind::Scope => format!(
                "{} (default `{}`)",
                SecretScope::ALL.map(|s| format!("`{}`", s.id())).join(", "),
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
        let sections = sections();
        let text = |name: &str| {
            &sections
                .iter()
                .find(|section| section.name == name)
                .expect("a section")
                .text
        };
        for def in FIELDS {
            assert!(text("build-request").contains(&format!("  {}?: ", def.name)));
            assert!(text("mount-form-options").contains(&format!("  {}?: ", def.name)));
            assert!(text("widget-form-attributes").contains(&format!("`{}`", def.attribute())));
            assert!(text("cli-flags").contains(&format!("`--{}", def.flag)));
        }
    }
}
