//! One 1,000-secret `build()` after a warm-up, for an instruction profile:
//! `cargo build --release --example profile` in bench/core, then
//! `valgrind --tool=callgrind --toggle-collect='*profiled_build*' target/release/examples/profile`.

use iam_policy_core::{Request, Response, build};
use std::hint::black_box;

#[inline(never)]
fn profiled_build(request: &Request) -> Response {
    build(black_box(request))
}

fn main() {
    let request = Request {
        account: "123456789012".into(),
        region: "eu-west-1".into(),
        secrets: (0..1_000).map(|i| format!("matillion/pipeline-{i:04}")).collect(),
        ..Request::default()
    };
    black_box(build(&request));
    black_box(profiled_build(&request));
}
