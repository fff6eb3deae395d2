//! Arbitrary bytes, read as a JSON request or as the page's field text, through the core's
//! `build`: no panic, an answer within the time one keystroke may take, and every invariant
//! of tests/support/invariants.rs holds.
#![no_main]

#[path = "../../crates/iam-policy-core/tests/support/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(request) = invariants::request_from_bytes(data) else {
        return;
    };
    let response = match invariants::timed_build(&request) {
        Ok(response) => response,
        Err(reason) => panic!("too slow: {reason}\nrequest: {request:?}"),
    };
    if let Err(reason) = invariants::check_all(&request, &response) {
        panic!("invariant broken: {reason}\nrequest: {request:?}");
    }
});
