//! Every `data/<case>.request.json` must build exactly `data/<case>.response.json`.
//! After an intended change, regenerate with `BLESS=1 cargo test -p iam-policy-core --test golden`
//! and review the diff.

#[path = "support/cases.rs"]
mod cases;

use cases::{data_dir, golden_requests};
use iam_policy_core::build;
use serde_json::Value;
use std::fs;

#[test]
fn every_golden_request_builds_its_recorded_response() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for (name, request) in golden_requests() {
        let actual = serde_json::to_value(build(&request)).expect("response serialises");
        let response_path = data_dir().join(name.replace(".request.json", ".response.json"));
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
                "{name} differs from {}:\n{}",
                response_path.display(),
                serde_json::to_string_pretty(&actual).expect("serialises")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
