//! The core's folders are its layers, lowest first. A module may import from its own layer
//! or a lower one, never a higher one, so the top-level modules cannot form a cycle and a
//! newcomer can read the crate from the bottom up. ARCHITECTURE.md draws the same list.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The layers, lowest first: the crate's top-level modules, each a folder but the last.
const LAYERS: [&str; 10] = [
    "text",      // characters, quoting, counts, suggestions, hashing, wildcard matching
    "aws",       // partitions, regions, accounts, secrets, keys, buckets, console routes
    "model",     // the policy model, the order-keeping JSON, sizes, the document vocabulary
    "input",     // the field table, the request, problems, FormInput
    "read",      // the form reader, pasted policies and their evaluator, the ECS error
    "documents", // the documents built from what was read, their checks
    "build",     // the one entry point and the Response
    "export",    // AWS CLI, CloudFormation, Terraform, CDK
    "view",      // the form as typed, what a host shows, the view model
    "contract",  // the generated declarations and tables every host reads
];

/// One import that breaks the rule, for the failure message.
#[derive(Debug, PartialEq)]
struct Upward {
    file: String,
    from: &'static str,
    to: String,
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| *layer == module)
}

/// The module path of a source file under `src/`: `read/form/mod.rs` → `[read, form]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    let file = parts.pop().unwrap_or_default();
    let stem = file.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_owned());
    }
    parts
}

/// The code without comments and without its `#[cfg(test)]` module: tests may reach for
/// anything, and a comment's `crate::build` is a link, not an import.
fn code_of(source: &str) -> String {
    let before_tests = match source.find("#[cfg(test)]\nmod tests") {
        Some(at) => &source[..at],
        None => source,
    };
    let mut code = String::with_capacity(before_tests.len());
    for line in before_tests.lines() {
        let line = match line.find("//") {
            // A `//` inside a string (a URL) is kept: only a line's own comment goes.
            Some(at) if line[..at].matches('"').count() % 2 == 0 => &line[..at],
            _ => line,
        };
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// The top-level modules a file's code names through `crate::…` or enough `super::`s to
/// climb out of its own top-level module.
fn top_modules_named(code: &str, own: &[String]) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    let bytes = code.as_bytes();
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while i < bytes.len() {
        if !code.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let starts_word = i == 0 || !is_ident(bytes[i - 1]);
        let rest = &code[i..];
        if !starts_word || !(rest.starts_with("crate::") || rest.starts_with("super::")) {
            i += 1;
            continue;
        }
        // Walk the path: `crate` starts at the root; each `super` climbs one module; the
        // first named segment below the root is the top-level module imported from.
        let mut path: Vec<String> = Vec::new();
        let mut at = i;
        loop {
            let segment: String = code[at..]
                .bytes()
                .take_while(|c| is_ident(*c))
                .map(char::from)
                .collect();
            at += segment.len();
            match segment.as_str() {
                "crate" => path.clear(),
                "super" if at - segment.len() == i => {
                    path = own.to_vec();
                    path.pop();
                }
                "super" => {
                    path.pop();
                }
                _ => {
                    path.push(segment);
                    break;
                }
            }
            if code[at..].starts_with("::{") && path.is_empty() {
                // `crate::{a::x, b}`: the first segment of each item of the group.
                let mut depth = 0;
                let mut item_start = at + 3;
                let mut close = code.len();
                for (offset, c) in code[at + 3..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            close = at + 3 + offset;
                            break;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            push_first(&code[item_start..at + 3 + offset], &mut named);
                            item_start = at + 3 + offset + 1;
                        }
                        _ => {}
                    }
                }
                push_first(&code[item_start..close], &mut named);
                break;
            }
            if !code[at..].starts_with("::") || code[at..].starts_with("::{") {
                break;
            }
            at += 2;
        }
        if let Some(first) = path.first() {
            named.insert(first.clone());
        }
        i = at.max(i + 1);
    }
    named
}

fn push_first(item: &str, named: &mut BTreeSet<String>) {
    let first: String = item
        .trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if !first.is_empty() && first != "self" {
        named.insert(first);
    }
}

/// Every import in `files` (path under `src/`, source) that runs up the layers.
fn upward_imports(files: &[(PathBuf, String)]) -> Vec<Upward> {
    let mut upward = Vec::new();
    for (relative, source) in files {
        let own = module_path(relative);
        let Some(own_top) = own.first() else {
            continue; // lib.rs declares the layers; it imports nothing of its own.
        };
        let own_layer = layer_of(own_top).unwrap_or_else(|| {
            panic!(
                "{} is in no layer: add its folder to LAYERS",
                relative.display()
            )
        });
        for named in top_modules_named(&code_of(source), &own) {
            let to_layer = layer_of(&named);
            if to_layer.is_none_or(|to| to > own_layer) {
                upward.push(Upward {
                    file: relative.display().to_string(),
                    from: LAYERS[own_layer],
                    to: named,
                });
            }
        }
    }
    upward
}

fn sources(dir: &Path, root: &Path, out: &mut Vec<(PathBuf, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src is readable")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).expect("under src").to_path_buf();
            out.push((
                relative,
                std::fs::read_to_string(&path).expect("readable source"),
            ));
        }
    }
}

#[test]
fn every_module_imports_only_from_its_own_layer_or_lower_ones() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&root, &root, &mut files);
    assert!(files.len() > 40, "read the crate's sources");
    let upward = upward_imports(&files);
    assert!(
        upward.is_empty(),
        "imports that run up the layers {LAYERS:?}:\n{}",
        upward
            .iter()
            .map(|u| format!("  {} ({}) imports {}", u.file, u.from, u.to))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn every_top_level_module_is_a_layer() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("lib.rs");
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|line| line.trim().strip_prefix("pub mod "))
        .chain(
            lib.lines()
                .filter_map(|line| line.trim().strip_prefix("mod ")),
        )
        .map(|name| name.trim_end_matches(';'))
        .collect();
    assert_eq!(
        declared, LAYERS,
        "lib.rs declares the layers, in order, and nothing else"
    );
}

#[test]
fn an_import_from_a_higher_layer_is_caught() {
    let files = vec![
        (
            PathBuf::from("aws/region.rs"),
            "use crate::text::chars::quote;\nuse crate::build::Response;\n".to_owned(),
        ),
        (
            PathBuf::from("model/mod.rs"),
            "use super::read::form::Form;\n".to_owned(),
        ),
        (
            PathBuf::from("input/problem.rs"),
            "use crate::{model::DocumentId, export::Format};\n".to_owned(),
        ),
        (
            PathBuf::from("read/existing/fix.rs"),
            "use super::super::super::documents::check;\n".to_owned(),
        ),
        (
            PathBuf::from("text/glob.rs"),
            "fn f() -> crate::Request { todo!() }\n".to_owned(),
        ),
    ];
    let found: Vec<(String, String)> = upward_imports(&files)
        .into_iter()
        .map(|u| (u.file, u.to))
        .collect();
    assert_eq!(
        found,
        [
            ("aws/region.rs".to_owned(), "build".to_owned()),
            ("model/mod.rs".to_owned(), "read".to_owned()),
            ("input/problem.rs".to_owned(), "export".to_owned()),
            ("read/existing/fix.rs".to_owned(), "documents".to_owned()),
            ("text/glob.rs".to_owned(), "Request".to_owned()),
        ]
    );
}

#[test]
fn imports_within_a_layer_or_downwards_pass() {
    let files = vec![
        (PathBuf::from("read/existing/fix.rs"), "use super::evaluate::Decision;\nuse crate::text::glob::Budget;\nuse crate::{input::Code, model::{Json, Policy}};\n".to_owned()),
        (PathBuf::from("build/apply.rs"), "// crate::export is only named in this comment\nuse super::Access;\n".to_owned()),
        (PathBuf::from("text/chars.rs"), "pub fn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::build;\n}\n".to_owned()),
    ];
    assert_eq!(upward_imports(&files), []);
}

#[test]
fn the_architecture_codemap_names_every_layer_and_module() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let architecture = std::fs::read_to_string(manifest.join("../../ARCHITECTURE.md"))
        .expect("ARCHITECTURE.md at the repository's root");
    let root = manifest.join("src");
    let mut files = Vec::new();
    sources(&root, &root, &mut files);
    let mut missing: Vec<String> = LAYERS
        .iter()
        .filter(|layer| !architecture.contains(&format!("   {layer} ")))
        .map(|layer| format!("layer {layer} in the picture"))
        .collect();
    for (relative, _) in &files {
        let name = relative
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name != "mod.rs" && !architecture.contains(name) {
            missing.push(relative.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md does not name: {missing:?}"
    );
}
