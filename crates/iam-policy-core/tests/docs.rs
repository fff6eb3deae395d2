//! The README's problem-code table is part of the contract: every code must be in it.

use std::fs;
use std::path::Path;

#[test]
fn the_readme_documents_every_problem_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = fs::read_to_string(root.join("src/problem.rs")).expect("problem.rs");
    let readme = fs::read_to_string(root.join("../../README.md")).expect("README.md");
    let codes = source
        .split("pub enum Code {")
        .nth(1)
        .and_then(|rest| rest.split("\n}").next())
        .expect("the Code enum");
    let variants: Vec<String> = codes
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("///") && line.ends_with(','))
        .map(|line| kebab(line.trim_end_matches(',')))
        .collect();
    assert!(variants.len() > 40, "found {variants:?}");
    let missing: Vec<&String> = variants
        .iter()
        .filter(|code| !readme.contains(&format!("| `{code}` |")))
        .collect();
    assert!(missing.is_empty(), "README.md lacks {missing:?}");
}

/// `AccountMissing` → `account-missing`, as serde writes it.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}
