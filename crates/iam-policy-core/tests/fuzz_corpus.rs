//! The fuzzer's seed corpus as a regression test: every input in `fuzz/corpus/build_request`
//! (the golden requests, the behaviour table's cases, and anything the fuzzer once found)
//! must keep every invariant and be answered within the time one keystroke may take. CI
//! runs this; the long fuzzing run is `scripts/fuzz.sh`.

#[path = "support/invariants.rs"]
mod invariants;

use std::fs;
use std::path::Path;

#[test]
fn every_fuzz_corpus_input_keeps_the_invariants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/build_request");
    let mut inputs = 0;
    for entry in fs::read_dir(&dir).expect("fuzz/corpus/build_request exists") {
        let path = entry.expect("entry").path();
        let data = fs::read(&path).expect("readable");
        inputs += 1;
        let Some(request) = invariants::request_from_bytes(&data) else {
            continue;
        };
        let response = invariants::timed_build(&request)
            .unwrap_or_else(|reason| panic!("{}: {reason}", path.display()));
        if let Err(reason) = invariants::check_all(&request, &response) {
            panic!("{}: {reason}", path.display());
        }
    }
    assert!(
        inputs >= 60,
        "only {inputs} corpus inputs in {}",
        dir.display()
    );
}
