//! One `build()` of 1,000 secrets (or as many as the first argument says) after a
//! warm-up, for an instruction profile: `cargo build --release --example profile` in
//! bench/core, then
//! `valgrind --tool=callgrind --toggle-collect='*profiled_build*' target/release/examples/profile [secrets] [statements]`.
//! With a second argument the request also carries a pasted secrets policy of that many
//! statements, none of which allows the listed secrets: the slowest check there is.

use iam_policy_core::{Request, Response, build};
use std::hint::black_box;

#[inline(never)]
fn profiled_build(request: &Request) -> Response {
    build(black_box(request))
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().ok());
    let secrets = args.next().flatten().unwrap_or(1_000);
    let statements = args.next().flatten().unwrap_or(0);
    let request = Request {
        account: "123456789012".into(),
        region: "eu-west-1".into(),
        secrets: (0..secrets).map(|i| format!("matillion/pipeline-{i:04}")).collect(),
        existing_secrets_policy: iam_policy_core_bench::pasted_policy(statements),
        ..Request::default()
    };
    black_box(build(&request));
    let started = std::time::Instant::now();
    black_box(profiled_build(&request));
    eprintln!("build(): {:?}", started.elapsed());
}
