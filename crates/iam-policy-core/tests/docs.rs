//! The problem codes are part of the contract: the README's table and the npm package's
//! TypeScript types must list every one.

use std::fs;
use std::path::Path;

#[test]
fn the_readme_documents_every_problem_code() {
    let readme = fs::read_to_string(root().join("../../README.md")).expect("README.md");
    let variants = codes();
    let missing: Vec<&String> = variants
        .iter()
        .filter(|code| !readme.contains(&format!("| `{code}` |")))
        .collect();
    assert!(missing.is_empty(), "README.md lacks {missing:?}");
}

/// The npm package's `ProblemCode` type is what TypeScript users match on.
#[test]
fn the_typescript_types_list_every_problem_code() {
    let types = fs::read_to_string(root().join("../../src/js_api/types.d.ts")).expect("types.d.ts");
    let union = types
        .split("export type ProblemCode =")
        .nth(1)
        .and_then(|rest| rest.split(';').next())
        .expect("the ProblemCode type");
    let listed: Vec<&str> = union
        .split('|')
        .map(|member| member.trim().trim_matches('"'))
        .filter(|member| !member.is_empty())
        .collect();
    assert_eq!(listed, codes());
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every `Code` variant in kebab case, in declaration order.
fn codes() -> Vec<String> {
    let source = fs::read_to_string(root().join("src/problem.rs")).expect("problem.rs");
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
    variants
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
