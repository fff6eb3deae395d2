//! A field is defined once, in the core's field table: outside its row
//! (crates/iam-policy-core/src/input/fields.rs) and its rule (the form reader and `Request`), no
//! code writes a field's request name or CLI flag, and the shell never reaches into the
//! request's fields. Tests and generated files may; this reads code only.
#![cfg(not(target_arch = "wasm32"))]

use iam_policy_core::input::fields::FIELDS;
use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// A file's code before its unit tests (which, by this codebase's habit, come last).
fn code_of(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.split("#[cfg(test)]")
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn no_code_outside_the_table_writes_a_fields_request_name_or_flag() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("crates/iam-policy-core/src"), &mut files);
    rust_files(&root.join("crates/iam-policy-cli/src"), &mut files);
    let table = root.join("crates/iam-policy-core/src/input/fields.rs");
    let mut found = Vec::new();
    for path in files.iter().filter(|path| **path != table) {
        let code = code_of(path);
        for def in FIELDS {
            let mut written = vec![format!("\"--{}\"", def.flag)];
            // One-word names ("region") are ordinary words elsewhere; the others are not.
            if def.name.chars().any(|c| c.is_ascii_uppercase()) {
                written.push(format!("\"{}\"", def.name));
            }
            for text in written {
                if code.contains(&text) {
                    found.push(format!("{} writes {text}", path.display()));
                }
            }
        }
    }
    // The shell asks the form for a field's text; it never reads the request's fields.
    for path in files
        .iter()
        .filter(|path| path.starts_with(root.join("src")))
    {
        let code = code_of(path);
        for def in FIELDS {
            let access = format!(".{}", def.member);
            let reads = code.match_indices(&access).any(|(at, _)| {
                let next = code[at + access.len()..].chars().next();
                !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '(')
            });
            if reads {
                found.push(format!("{} reads the request's {access}", path.display()));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
