//! The committed contract files hold exactly what the core generates from its types and
//! tables: the npm package's whole TypeScript declaration and the README's tables. After
//! changing a field, a problem code or a type the package returns, rewrite them with
//! `BLESS=1 cargo test --test contract` and review the diff.
#![cfg(not(target_arch = "wasm32"))]

use iam_policy_builder_web::host::widget_settings;
use iam_policy_core::contract::{Section, sections, typescript};
use std::fs;
use std::path::Path;

/// How a file marks a generated section.
struct Markers {
    open: fn(&str) -> String,
    close: &'static str,
}

const MARKDOWN: Markers = Markers {
    open: |name| format!("<!-- generated: {name} -->\n"),
    close: "<!-- /generated -->",
};

/// The file with each of its generated sections replaced by the generator's text, and
/// how many it had.
fn regenerate(text: &str, markers: &Markers, sections: &[Section]) -> (String, usize) {
    let mut out = text.to_owned();
    let mut found = 0;
    for section in sections {
        let open = (markers.open)(section.name);
        let Some(start) = out.find(&open).map(|at| at + open.len()) else {
            continue;
        };
        let end = start
            + out[start..]
                .find(markers.close)
                .unwrap_or_else(|| panic!("{} is not closed", section.name));
        out.replace_range(start..end, &section.text);
        found += 1;
    }
    (out, found)
}

/// Whether `file` holds `generated`; with `BLESS`, makes it so.
fn is_current(file: &str, generated: &str) -> bool {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let committed = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    if committed == generated {
        return true;
    }
    if std::env::var_os("BLESS").is_some() {
        fs::write(&path, generated).unwrap_or_else(|e| panic!("{file}: {e}"));
        return true;
    }
    false
}

#[test]
fn the_typescript_declaration_is_what_the_core_generates() {
    let file = "src/js_api/types.d.ts";
    assert!(
        is_current(file, &typescript(&widget_settings::declared())),
        "{file} is out of date: run BLESS=1 cargo test --test contract and review the diff"
    );
}

#[test]
fn the_readme_tables_are_what_the_core_generates() {
    let sections = sections(&widget_settings::declared());
    let mut found = 0;
    let mut stale = Vec::new();
    for file in ["README.md", "embed/README.md"] {
        let committed = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let (generated, in_file) = regenerate(&committed, &MARKDOWN, &sections);
        assert!(in_file > 0, "{file} has no generated section");
        found += in_file;
        if !is_current(file, &generated) {
            stale.push(file);
        }
    }
    assert_eq!(
        found,
        sections.len(),
        "every section is committed somewhere, once"
    );
    assert!(
        stale.is_empty(),
        "{stale:?} are out of date: run BLESS=1 cargo test --test contract and review the diff"
    );
}
