//! The committed contract files hold exactly what the core generates from its field table
//! and enums: the npm package's TypeScript types and the README's tables. After changing a
//! field or a problem code, rewrite them with `BLESS=1 cargo test --test contract` and
//! review the diff.
#![cfg(not(target_arch = "wasm32"))]

use iam_policy_core::contract::{Section, sections};
use std::fs;
use std::path::Path;

/// How a file marks a generated section.
struct Markers {
    open: fn(&str) -> String,
    close: &'static str,
}

const TYPESCRIPT: Markers = Markers {
    open: |name| format!("// <generated: {name}>\n"),
    close: "// </generated>",
};

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

#[test]
fn the_committed_contract_files_are_what_the_core_generates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sections = sections();
    let bless = std::env::var_os("BLESS").is_some();
    let mut stale = Vec::new();
    let mut total = 0;
    for (file, markers) in [
        ("src/js_api/types.d.ts", &TYPESCRIPT),
        ("README.md", &MARKDOWN),
    ] {
        let path = root.join(file);
        let committed = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let (generated, found) = regenerate(&committed, markers, &sections);
        assert!(found > 0, "{file} has no generated section");
        total += found;
        if generated != committed {
            if bless {
                fs::write(&path, generated).unwrap_or_else(|e| panic!("{file}: {e}"));
            } else {
                stale.push(file);
            }
        }
    }
    assert_eq!(
        total,
        sections.len(),
        "every section is committed somewhere, once"
    );
    assert!(
        stale.is_empty(),
        "{stale:?} are out of date: run BLESS=1 cargo test --test contract and review the diff"
    );
}
