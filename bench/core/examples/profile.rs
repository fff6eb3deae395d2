//! One `build()` of 1,000 secrets (or as many as the first argument says) after a
//! warm-up, for an instruction profile: `cargo build --release --example profile` in
//! bench/core, then
//! `valgrind --tool=callgrind --toggle-collect='*profiled_build*' target/release/examples/profile [secrets]`.

use iam_policy_core::{Request, Response, build};
use std::hint::black_box;

#[inline(never)]
fn profiled_build(request: &Request) -> Response {
    build(black_box(request))
}

fn main() {
    let secrets = std::env::args()
        .nth(1)
        .and_then(|count| count.parse().ok())
        .unwrap_or(1_000);
    let request = Request {
        account: "123456789012".into(),
        region: "eu-west-1".into(),
        secrets: (0..secrets).map(|i| format!("matillion/pipeline-{i:04}")).collect(),
        ..Request::default()
    };
    black_box(build(&request));
    black_box(profiled_build(&request));
}
