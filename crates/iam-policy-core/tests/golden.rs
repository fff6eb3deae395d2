//! Every `data/<case>.request.json` must build exactly `data/<case>.response.json`.
//! After an intended change, regenerate with `BLESS=1 cargo test -p iam-policy-core --test golden`
//! and review the diff.

use iam_policy_core::{Request, build};
use serde_json::Value;
use std::fs;
use std::path::Path;

#[test]
fn every_golden_request_builds_its_recorded_response() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let bless = std::env::var_os("BLESS").is_some();
    let mut cases = 0;
    let mut failures = Vec::new();
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .expect("tests/data exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.to_string_lossy().ends_with(".request.json"))
        .collect();
    paths.sort();
    for request_path in paths {
        cases += 1;
        let request: Request =
            serde_json::from_str(&fs::read_to_string(&request_path).expect("readable request"))
                .unwrap_or_else(|e| panic!("{}: {e}", request_path.display()));
        let actual = serde_json::to_value(build(&request)).expect("response serialises");
        let response_path = Path::new(
            &request_path
                .to_string_lossy()
                .replace(".request.json", ".response.json"),
        )
        .to_path_buf();
        if bless {
            let text = serde_json::to_string_pretty(&actual).expect("serialises") + "\n";
            fs::write(&response_path, text).expect("writable");
            continue;
        }
        let expected: Value = fs::read_to_string(&response_path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or(Value::Null);
        if actual != expected {
            failures.push(format!(
                "{} differs from {}:\n{}",
                request_path.display(),
                response_path.display(),
                serde_json::to_string_pretty(&actual).expect("serialises")
            ));
        }
    }
    assert!(cases >= 6, "expected the golden cases in {}", dir.display());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
