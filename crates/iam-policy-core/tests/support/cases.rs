//! What several test files read the same way, shared by `#[path]`: the golden requests
//! (`tests/data/<case>.request.json`) and the codes of a response's problems as its JSON
//! writes them.
#![allow(dead_code, reason = "each including test uses a different part")]

use iam_policy_core::{Problem, Request, Response};
use std::fs;
use std::path::{Path, PathBuf};

/// `tests/data`: the golden requests, their recorded responses, and the real texts.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// Every golden request's file name and text, in the order of the names.
pub fn golden_texts() -> Vec<(String, String)> {
    let dir = data_dir();
    let mut found: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.to_string_lossy().ends_with(".request.json"))
        .map(|path| {
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = path.file_name().expect("a file").to_string_lossy();
            (name.into_owned(), text)
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        found.len() >= 6,
        "expected the golden requests in {}",
        dir.display()
    );
    found
}

/// Every golden request with its file name, in the order of the names.
pub fn golden_requests() -> Vec<(String, Request)> {
    golden_texts()
        .into_iter()
        .map(|(name, text)| {
            let request = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, request)
        })
        .collect()
}

/// A problem's code as responses write it: `web-identity-trust-merged`.
pub fn code(problem: &Problem) -> String {
    serde_json::to_value(problem.code)
        .expect("a code serialises")
        .as_str()
        .expect("a code is a string")
        .to_owned()
}

/// The codes of `response`'s problems, in order.
pub fn codes(response: &Response) -> Vec<String> {
    response.problems.iter().map(code).collect()
}
